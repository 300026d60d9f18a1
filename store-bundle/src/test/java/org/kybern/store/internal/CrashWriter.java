package org.kybern.store.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Run as its own JVM by {@link EmbeddedStoreCrashTest}: writes keys from several threads into
 * the embedded store at {@code args[0]} until killed, printing {@code ACK <key>} after each write
 * the store acknowledged.
 */
public final class CrashWriter {

    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedStore store = StoreFiles.open(Path.of(args[0]));
        PrintStream out = new PrintStream(System.out, false, UTF_8);
        int threads = 16;
        for (int t = 0; t < threads; t++) {
            int writer = t;
            Thread thread = new Thread(() -> {
                for (int i = 0; ; i++) {
                    String key = "/crash/" + writer + "/" + i;
                    store.create(key, ("value of " + key).getBytes(UTF_8));
                    synchronized (out) {
                        out.println("ACK " + key);
                        out.flush();
                    }
                }
            });
            thread.start();
        }
        System.out.println("STARTED");
        System.out.flush();
        Thread.currentThread().join(); // until killed
    }
}
