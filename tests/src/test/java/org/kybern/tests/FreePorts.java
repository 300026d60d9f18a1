package org.kybern.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Free loopback ports for the processes tests start. The kernel may offer a port it just gave out
 * again once its probe socket is closed, so a port is never handed out twice in one test JVM (etcd,
 * for one, refuses a cluster whose members share a port).
 */
public final class FreePorts {

    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    public static int next() {
        while (true) {
            try (ServerSocket s = new ServerSocket(0)) {
                if (GIVEN.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
