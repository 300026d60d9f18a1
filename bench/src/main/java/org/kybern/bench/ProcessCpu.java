package org.kybern.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * CPU time a process has used so far, from Linux's {@code /proc/<pid>/stat} (user plus system time of
 * all its threads, those that have ended included), with the share of the JVM's JIT compiler threads
 * ({@code C1/C2 CompilerThread}, from {@code /proc/<pid>/task/<tid>/stat}) apart: what a benchmark phase
 * cost the machine, not only how long it took. (Summing the live threads alone missed an eighth of a
 * cluster's CPU and a quarter of the bench's under {@code bench/run scheduler}: pools end idle threads.)
 *
 * @param seconds         CPU seconds of all threads
 * @param compilerSeconds of those, the JIT compiler threads'
 */
record ProcessCpu(double seconds, double compilerSeconds) {

    /** Linux's USER_HZ: the unit of utime and stime in a stat file. */
    private static final double TICKS_PER_SECOND = 100;

    static ProcessCpu of(long pid) throws IOException {
        Path process = Path.of("/proc", Long.toString(pid));
        long ticks = ticks(Files.readString(process.resolve("stat"), StandardCharsets.US_ASCII));
        long compilerTicks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(process.resolve("task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
                } catch (NoSuchFileException ended) {
                    continue;
                }
                // pid (comm) state ppid ...: comm may hold spaces and parentheses; the fields after the last ')' do not
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
                    compilerTicks += ticks(stat);
                }
            }
        }
        return new ProcessCpu(ticks / TICKS_PER_SECOND, compilerTicks / TICKS_PER_SECOND);
    }

    /** utime plus stime (fields 14 and 15) of a stat line. */
    private static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * CPU seconds the whole machine has been busy so far (every CPU's user, nice, system, irq, softirq and
     * steal time from {@code /proc/stat}): with the processes' own readings it tells what else ran (the
     * kernel's threads, such as the file system's journal, other processes) and how much was left idle.
     */
    static double machineBusySeconds() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.US_ASCII).get(0); // "cpu  user nice ..."
        String[] f = cpu.trim().split("\\s+");
        long busy = 0;
        for (int i : new int[] {1, 2, 3, 6, 7, 8}) { // user nice system (idle iowait) irq softirq steal
            busy += Long.parseLong(f[i]);
        }
        return busy / TICKS_PER_SECOND;
    }

    /** What was used between {@code earlier} and this reading. */
    ProcessCpu since(ProcessCpu earlier) {
        return new ProcessCpu(seconds - earlier.seconds, compilerSeconds - earlier.compilerSeconds);
    }
}
