package org.kybern.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints {@code n} distinct loopback ports that are free now, for {@code bench/run} to start a
 * cluster on; the last one's successor is free too (Karaf's RMI server port is the registry's + 1).
 * Usage: {@code FreePorts n}.
 */
public final class FreePorts {

    private FreePorts() {
    }

    public static void main(String[] args) throws IOException {
        int n = Integer.parseInt(args[0]);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        List<ServerSocket> held = new ArrayList<>(); // kept open until the end, so no port is handed out twice
        List<Integer> ports = new ArrayList<>();
        try {
            while (ports.size() < n) {
                ServerSocket s = new ServerSocket(0, 1, loopback);
                held.add(s);
                if (ports.size() == n - 1) {
                    try {
                        held.add(new ServerSocket(s.getLocalPort() + 1, 1, loopback));
                    } catch (IOException taken) {
                        continue; // another last port, one whose successor is free
                    }
                }
                ports.add(s.getLocalPort());
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
        System.out.println(String.join(" ", ports.stream().map(String::valueOf).toList()));
    }
}
