package org.kybern.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * CPU time a process has used so far, from Linux's {@code /proc/<pid>/task/<tid>/stat} (user plus system
 * time of every thread), with the share of the JVM's JIT compiler threads ({@code C1/C2 CompilerThread})
 * apart: what a benchmark phase cost the machine, not only how long it took. Threads that ended before
 * a reading are missed by it; the JVM's long-lived threads are not.
 *
 * @param seconds         CPU seconds of all threads
 * @param compilerSeconds of those, the JIT compiler threads'
 */
record ProcessCpu(double seconds, double compilerSeconds) {

    /** Linux's USER_HZ: the unit of utime and stime in a stat file. */
    private static final double TICKS_PER_SECOND = 100;

    static ProcessCpu of(long pid) throws IOException {
        long ticks = 0;
        long compilerTicks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
                } catch (NoSuchFileException ended) {
                    continue;
                }
                // pid (comm) state ppid ...: comm may hold spaces and parentheses; the fields after the last ')' do not
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String comm = stat.substring(open + 1, close);
                String[] fields = stat.substring(close + 2).split(" ");
                long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
                ticks += used;
                if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
                    compilerTicks += used;
                }
            }
        }
        return new ProcessCpu(ticks / TICKS_PER_SECOND, compilerTicks / TICKS_PER_SECOND);
    }

    /** What was used between {@code earlier} and this reading. */
    ProcessCpu since(ProcessCpu earlier) {
        return new ProcessCpu(seconds - earlier.seconds, compilerSeconds - earlier.compilerSeconds);
    }
}
