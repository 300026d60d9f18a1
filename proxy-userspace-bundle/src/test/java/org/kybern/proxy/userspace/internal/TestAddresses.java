package org.kybern.proxy.userspace.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.kybern.api.proxy.ProxyException;

/**
 * A test's own ClusterIP range 10.111.&lt;random&gt;.0/24 (one no device uses yet) and what the test
 * needs to check and clean the loopback device: other tests on this kernel use other ranges.
 */
final class TestAddresses {

    private static final IpCommand IP = new IpCommand("ip");

    private final String prefix;
    private final Set<String> before;

    TestAddresses() throws ProxyException {
        String all = IP.run("-4", "-o", "addr", "show");
        for (int tries = 0; tries < 100; tries++) {
            String candidate = "10.111." + ThreadLocalRandom.current().nextInt(1, 255) + ".";
            if (!all.contains(" " + candidate)) {
                prefix = candidate;
                before = onLo();
                return;
            }
        }
        throw new IllegalStateException("no free 10.111.x.0/24 range for the test");
    }

    /** {@code 10.111.<random>.<host>}. */
    String ip(int host) {
        return prefix + host;
    }

    /** The addresses of this test's range on {@code lo} now, as {@code ip -4 addr show dev lo} lists them. */
    Set<String> onLo() throws ProxyException {
        return Arrays.stream(IP.run("-4", "addr", "show", "dev", "lo").split("\\s+"))
                .filter(word -> word.startsWith(prefix)).map(word -> word.replaceFirst("/.*", ""))
                .collect(Collectors.toSet());
    }

    /** The addresses of this test's range with a route in the kernel's {@code local} table now. */
    Set<String> localRoutes() throws ProxyException {
        return Arrays.stream(IP.run("route", "show", "table", "local", "type", "local").split("\n"))
                .map(line -> line.trim().replaceFirst("^local\\s+", "").split("\\s+")[0])
                .filter(dst -> dst.startsWith(prefix))
                .collect(Collectors.toSet());
    }

    /** Adds {@code ip} to lo as another process would (the backend must leave it alone). */
    void addByTest(String ip) throws ProxyException {
        IP.run("addr", "add", ip + "/32", "dev", "lo");
    }

    /** Removes whatever of this test's range is on lo, and its local routes (also after a failed test). */
    void removeAll() {
        try {
            for (String ip : new HashSet<>(onLo())) {
                if (!before.contains(ip)) {
                    IP.run("addr", "del", ip + "/32", "dev", "lo");
                }
            }
            for (String ip : localRoutes()) {
                if (!before.contains(ip)) {
                    IP.run("route", "del", "local", ip, "dev", "lo", "table", "local");
                }
            }
        } catch (ProxyException e) {
            fail("could not clean lo: " + e.getMessage());
        }
    }
}
