package dev.crossbench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How busy the machine is with work that is not this run's: the CPU time the
 * whole machine spent (/proc/stat) minus the CPU time of this JVM and every
 * process it started (the JMH forks). Over an interval, that difference is
 * what other processes took from the benchmark: the load that makes the same
 * loop run 2x slower while another process holds a core. Steal is the time
 * the hypervisor gave to other guests. Linux only; elsewhere nothing is known
 * and {@link #sample()} returns null.
 */
final class MachineLoad {
    /** /proc counts CPU time in USER_HZ ticks, which Linux fixes at 100 per second in its ABI. */
    private static final double TICKS_PER_SECOND = 100.0;

    private MachineLoad() {}

    /** CPU ticks at one moment: the machine's busy and steal time, and this run's own. */
    record Sample(long nanos, long busyTicks, long stealTicks, long ownTicks) {}

    /** What happened between two samples, in cores (1.0 = one core busy throughout). */
    record Usage(double seconds, double otherCores, double stealCores) {}

    static Sample sample() {
        try {
            // cpu  user nice system idle iowait irq softirq steal guest guest_nice
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int field : new int[] {1, 2, 3, 6, 7}) { // user nice system irq softirq
                busy += Long.parseLong(cpu[field]);
            }
            long steal = cpu.length > 8 ? Long.parseLong(cpu[8]) : 0;
            long own = processTicks(ProcessHandle.current().pid());
            try (Stream<ProcessHandle> children = ProcessHandle.current().descendants()) {
                for (ProcessHandle child : (Iterable<ProcessHandle>) children::iterator) {
                    own += processTicks(child.pid());
                }
            }
            return new Sample(System.nanoTime(), busy, steal, own);
        } catch (IOException | RuntimeException e) {
            return null; // not Linux, or /proc unreadable: the load stays unknown
        }
    }

    /**
     * A process's CPU ticks, its own and those of the children it has waited for
     * (utime stime cutime cstime); 0 if it has just exited.
     */
    static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may hold spaces; the fields after it are plain.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            // fields[0] is field 3 (state), so field n is fields[n - 3].
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12])
                    + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static Usage between(Sample start, Sample end) {
        double seconds = (end.nanos() - start.nanos()) / 1e9;
        if (seconds <= 0) {
            return new Usage(0, 0, 0);
        }
        double busy = (end.busyTicks() - start.busyTicks()) / TICKS_PER_SECOND;
        double own = (end.ownTicks() - start.ownTicks()) / TICKS_PER_SECOND;
        double steal = (end.stealTicks() - start.stealTicks()) / TICKS_PER_SECOND;
        // Tick counts are coarse (10 ms), so a short interval can show a little
        // more own time than machine time: that is no load, not negative load.
        return new Usage(seconds, Math.max(0, busy - own) / seconds, Math.max(0, steal) / seconds);
    }

    /** The 1, 5 and 15 minute load averages, or an empty list if unknown. */
    static List<Double> loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return List.of(Double.parseDouble(fields[0]), Double.parseDouble(fields[1]), Double.parseDouble(fields[2]));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /**
     * The CPU's clock as the kernel reports it: each CPU's MHz (from /proc/cpuinfo)
     * and the cpufreq governor, null where the kernel does not expose one (as in
     * many virtual machines).
     */
    static Map<String, Object> cpuFrequency() {
        Map<String, Object> frequency = new LinkedHashMap<>();
        List<Double> mhz = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("cpu MHz")) {
                    mhz.add(Double.parseDouble(line.substring(line.indexOf(':') + 1).trim()));
                }
            }
        } catch (IOException | RuntimeException e) {
            // leave the list empty: unknown
        }
        frequency.put("mhz", mhz.isEmpty() ? null : mhz);
        Path governor = Path.of("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor");
        String value = null;
        try {
            value = Files.isReadable(governor) ? Files.readString(governor).trim() : null;
        } catch (IOException e) {
            // unknown
        }
        frequency.put("governor", value);
        return frequency;
    }
}
