package org.kybern.proxy.nftables.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kybern.api.proxy.ProxyState;
import org.kybern.api.proxy.ServicePort;
import org.kybern.api.proxy.ServicePort.Endpoint;

/** The rendered nft script: its shape, what it refuses to render, and that nft accepts it. */
class NftRendererTest {

    private static final List<Endpoint> TWO = List.of(new Endpoint("172.17.0.5", 8080, "", ""),
            new Endpoint("172.17.0.6", 8080, "", ""));

    private final NftRenderer renderer = new NftRenderer("kybern_t_render");

    @TempDir
    Path dir;

    @Test
    void ruleCountDoesNotGrowWithServices() {
        String one = renderer.render(state(1));
        String forty = renderer.render(state(40));
        for (String chain : List.of("services", "reject-check", "nat-prerouting", "filter-forward")) {
            assertEquals(chain(one, chain), chain(forty, chain), chain);
        }
        assertEquals(40, count(forty, "numgen random mod 2"));
    }

    @Test
    void nftAcceptsTheScript() throws IOException {
        ServicePort odd = new ServicePort("Team_A", "web.v2", "http", "TCP", "10.96.0.20", 80, 30080, 10800, TWO);
        ServicePort empty = new ServicePort("default", "none", "", "UDP", "10.96.0.21", 53, 30053, 0, List.of());
        check(renderer.render(new ProxyState(List.of(odd, empty), List.of("127.0.0.1", "192.0.2.2"))));
    }

    @Test
    void portWithoutEndpointsIsRejectedNotProxied() {
        String script = renderer.render(new ProxyState(
                List.of(new ServicePort("default", "none", "", "TCP", "10.96.0.21", 80, 30021, 0, List.of())),
                List.of("127.0.0.1")));
        assertTrue(script.contains("10.96.0.21 . tcp . 80 : goto reject-packet"), script);
        assertTrue(script.contains("tcp . 30021 : goto reject-packet"), script);
        assertFalse(script.contains("dnat to"), script);
    }

    @Test
    void clashingNodePortGoesToTheFirstServiceOnly() throws IOException {
        ServicePort a = new ServicePort("default", "a", "", "TCP", "10.96.0.30", 80, 30030, 0, TWO);
        ServicePort b = new ServicePort("default", "b", "", "TCP", "10.96.0.31", 80, 30030, 0, TWO);
        String script = renderer.render(new ProxyState(List.of(a, b), List.of("127.0.0.1")));
        assertEquals(1, count(script, "tcp . 30030 : "));
        assertTrue(script.contains("tcp . 30030 : goto " + NftNames.serviceChain(a)), script);
        check(script);
    }

    @Test
    void malformedEntriesAreLeftOutAndTheRestProgrammed() throws IOException {
        ServicePort good = new ServicePort("default", "good", "", "TCP", "10.96.0.1", 80, 0, 0,
                List.of(TWO.get(0), new Endpoint("fd00::5", 8080, "", ""), new Endpoint("172.17.0.7", 0, "", "")));
        String script = renderer.render(new ProxyState(List.of(good,
                new ServicePort("default", "x", "", "TCP", "10.96.0.2 } ; flush ruleset", 80, 0, 0, TWO),
                new ServicePort("default", "y", "", "ICMP", "10.96.0.3", 80, 0, 0, TWO),
                new ServicePort("default", "z", "", "TCP", "10.96.0.4", 80, 70000, 0, TWO)),
                List.of("127.0.0.1", "::1")));
        assertTrue(script.contains("10.96.0.1 . tcp . 80 : goto " + NftNames.serviceChain(good)), script);
        assertEquals(1, count(script, "dnat to"), script);
        for (String left : List.of("fd00", "172.17.0.7", "flush", "10.96.0.3", "10.96.0.4", "::1")) {
            assertFalse(script.contains(left), left);
        }
        check(script);
        assertThrows(IllegalArgumentException.class, () -> new NftRenderer("kybern; flush ruleset"));
    }

    @Test
    void rememberedAffinityReturnsToSetsStillThere() throws IOException {
        ServicePort sticky = new ServicePort("default", "s", "", "TCP", "10.96.0.40", 80, 0, 60, TWO);
        String kept = NftNames.affinitySet(sticky, TWO.get(0));
        String listing = "table ip kybern_t_render {\n\tset " + kept
                + " {\n\t\ttype ipv4_addr\n\t\tflags dynamic,timeout\n"
                + "\t\ttimeout 1m\n\t\telements = { 192.0.2.7 expires 49s880ms,\n\t\t\t     192.0.2.8 expires 3s }\n"
                + "\t}\n\tset aff-GONE-default/old/tcp/80__172.17.0.9/80 {\n\t\ttype ipv4_addr\n"
                + "\t\telements = { 192.0.2.9 expires 1s }\n\t}\n}\n";
        Map<String, String> remembered = AffinityMemory.parse(listing);
        assertEquals(Map.of(kept, "192.0.2.7 expires 49s880ms, 192.0.2.8 expires 3s",
                "aff-GONE-default/old/tcp/80__172.17.0.9/80", "192.0.2.9 expires 1s"), remembered);
        String script = renderer.render(new ProxyState(List.of(sticky), List.of()), remembered);
        assertTrue(script.contains("192.0.2.8 expires 3s"), script);
        assertFalse(script.contains("192.0.2.9"), script);
        check(script);
    }

    private static ProxyState state(int services) {
        return new ProxyState(IntStream.range(0, services).mapToObj(i -> new ServicePort("default", "svc" + i, "",
                "TCP", "10.96.1." + i, 80, 30000 + i, 0, TWO)).toList(), List.of("127.0.0.1"));
    }

    /** {@code nft --check}: the kernel evaluates the script without applying it. */
    private void check(String script) throws IOException {
        Path file = Files.writeString(dir.resolve("script.nft"), script);
        Commands.run("nft", "-c", "-f", file.toString());
    }

    private static String chain(String script, String name) {
        Matcher matcher = Pattern.compile("\tchain " + Pattern.quote(name) + " \\{\n(.*?)\n\t}", Pattern.DOTALL)
                .matcher(script);
        assertTrue(matcher.find(), name);
        return matcher.group(1);
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
