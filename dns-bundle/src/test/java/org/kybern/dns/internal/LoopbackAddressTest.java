package org.kybern.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The listen address goes on lo only when missing, and comes off only if we put it there. */
class LoopbackAddressTest {

    /** A fake `ip`: keeps the addresses of lo, records the changes it is asked for. */
    private static final class FakeIp implements LoopbackAddress.Commands {
        final List<String> addresses = new ArrayList<>(List.of("127.0.0.1/8"));
        final List<String> changes = new ArrayList<>();
        boolean failChanges;

        @Override
        public LoopbackAddress.Result run(List<String> command) {
            if (command.equals(List.of("ip", "-o", "addr", "show"))) {
                StringBuilder out = new StringBuilder();
                addresses.forEach(a -> out.append("1: lo    inet ").append(a).append(" scope host lo\n"));
                return new LoopbackAddress.Result(0, out.toString());
            }
            changes.add(String.join(" ", command));
            if (failChanges) {
                return new LoopbackAddress.Result(2, "RTNETLINK answers: Operation not permitted");
            }
            if (command.get(2).equals("add")) {
                addresses.add(command.get(3));
            } else {
                addresses.remove(command.get(3));
            }
            return new LoopbackAddress.Result(0, "");
        }
    }

    @Test
    void addsAMissingAddressAndRemovesItAgain() throws IOException {
        FakeIp ip = new FakeIp();
        LoopbackAddress address = new LoopbackAddress(InetAddress.getByName("169.254.20.10"), ip);
        address.add();
        assertEquals(List.of("127.0.0.1/8", "169.254.20.10/32"), ip.addresses);
        address.remove();
        assertEquals(List.of("ip addr add 169.254.20.10/32 dev lo", "ip addr del 169.254.20.10/32 dev lo"), ip.changes);
        assertEquals(List.of("127.0.0.1/8"), ip.addresses);
    }

    @Test
    void anAddressSomeoneElseMadeIsLeftAlone() throws IOException {
        FakeIp ip = new FakeIp();
        ip.addresses.add("169.254.20.10/32");
        LoopbackAddress address = new LoopbackAddress(InetAddress.getByName("169.254.20.10"), ip);
        address.add();
        address.remove();
        assertEquals(List.of(), ip.changes);
        assertEquals(List.of("127.0.0.1/8", "169.254.20.10/32"), ip.addresses);
    }

    @Test
    void loopbackAddressesNeedNothing() throws IOException {
        FakeIp ip = new FakeIp();
        LoopbackAddress address = new LoopbackAddress(InetAddress.getByName("127.0.0.53"), ip);
        address.add();
        address.remove();
        assertEquals(List.of(), ip.changes);
    }

    @Test
    void aFailedAddSaysWhy() throws IOException {
        FakeIp ip = new FakeIp();
        ip.failChanges = true;
        LoopbackAddress address = new LoopbackAddress(InetAddress.getByName("169.254.20.10"), ip);
        IOException failure = assertThrows(IOException.class, address::add);
        assertEquals("cannot add 169.254.20.10/32 to lo: RTNETLINK answers: Operation not permitted", failure.getMessage());
        address.remove();
        assertEquals(1, ip.changes.size(), "nothing to remove after a failed add");
    }

    /**
     * The real {@code ip} on the kernel, inside a network namespace of the test's own (its {@code lo}
     * stands for the host's, which the test leaves alone): the address is added, seen and removed.
     */
    @Test
    void withTheRealIpCommandInANetworkNamespace() throws Exception {
        String netns = "kybern-dns-test-" + Long.toHexString(System.nanoTime() & 0xffffff);
        run(List.of("ip", "netns", "add", netns));
        try {
            LoopbackAddress.Commands inNamespace = command -> {
                List<String> namespaced = new ArrayList<>(command);
                namespaced.addAll(1, List.of("-n", netns));
                return LoopbackAddress.PROCESSES.run(namespaced);
            };
            LoopbackAddress address = new LoopbackAddress(InetAddress.getByName("169.254.20.10"), inNamespace);
            address.add();
            String shown = run(List.of("ip", "-n", netns, "-o", "addr", "show", "dev", "lo"));
            assertTrue(shown.contains("inet 169.254.20.10/32"), shown);
            address.remove();
            shown = run(List.of("ip", "-n", netns, "-o", "addr", "show", "dev", "lo"));
            assertFalse(shown.contains("169.254.20.10"), shown);
        } finally {
            run(List.of("ip", "netns", "del", netns));
        }
    }

    private static String run(List<String> command) throws IOException {
        LoopbackAddress.Result result = LoopbackAddress.PROCESSES.run(command);
        assertEquals(0, result.exitCode(), String.join(" ", command) + " (needs root and iproute2): " + result.output());
        return result.output();
    }
}
