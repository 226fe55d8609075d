#!/bin/bash
# jmh-ab.sh OUT PAIRS ARGS...: alternates JMH Crossing runs of /tmp/toll/homeA and
# /tmp/toll/homeB (each a crossbench.home with its own target/native and
# benchmarks.jar), A then B, PAIRS times; one csv per run in OUT.
out=$1; pairs=$2; shift 2
export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 GOMAXPROCS=2
mkdir -p $out
for i in $(seq 1 $pairs); do
  for h in A B; do
    d=/tmp/toll/home$h
    (cd $d && LD_PRELOAD=$JAVA_HOME/lib/libjsig.so $JAVA_HOME/bin/java -Dcrossbench.home=$d -jar target/benchmarks.jar Crossing -t 1 -f 1 -wi 3 -w 500ms -i 5 -r 300ms -rf csv -rff $out/$h$i.csv "$@" > $out/$h$i.log 2>&1)
  done
done
echo finished > $out/done
