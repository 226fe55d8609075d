#!/bin/bash
# jmh-ab.sh OUT PAIRS ARGS...: alternates JMH Crossing runs of /tmp/toll/homeA and
# /tmp/toll/homeB (each a crossbench.home with its own target/native and
# benchmarks.jar), A then B, PAIRS times; one csv per run in OUT (ab-ratio.py
# summarises them). ARGS go to JMH, e.g. -p lane=go,python -p size=0 'Crossing.echo'.
out=$1; pairs=$2; shift 2
export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 GOMAXPROCS=2
mkdir -p $out
for i in $(seq 1 $pairs); do
  for h in A B; do
    d=/tmp/toll/home$h
    for try in 1 2 3 4 5 6 7 8 9 10; do  # JMH's lock: another run may hold it; wait and retry
      (cd $d && LD_PRELOAD=$JAVA_HOME/lib/libjsig.so $JAVA_HOME/bin/java -Dcrossbench.home=$d -jar target/benchmarks.jar \
        -t 1 -f 1 -wi 3 -w 500ms -i 5 -r 300ms -rf csv -rff $out/$h$i.csv "$@" > $out/$h$i.log 2>&1)
      [ -s $out/$h$i.csv ] && break
      sleep 20
    done
  done
done
echo finished > $out/done
