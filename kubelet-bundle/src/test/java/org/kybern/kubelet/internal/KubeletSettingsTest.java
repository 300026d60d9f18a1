package org.kybern.kubelet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Taint;
import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubeletSettingsTest {

    private static KubeletConfig config(String nodeName, String[] labels, String[] taints, String cpu, String memory) {
        return new KubeletConfig() {
            public Class<? extends Annotation> annotationType() { return KubeletConfig.class; }
            public String nodeName() { return nodeName; }
            public String user() { return ""; }
            public String runtime_target() { return "(kybern.runtime=docker)"; }
            public String[] labels() { return labels; }
            public String[] taints() { return taints; }
            public String cpu() { return cpu; }
            public String memory() { return memory; }
            public int pods() { return 20; }
            public int port() { return 10251; }
            public String address() { return ""; }
            public String dataDir() { return ""; }
            public String caFile() { return ""; }
            public String[] clusterDNS() { return new String[] {"10.96.0.10"}; }
            public String clusterDomain() { return "cluster.local"; }
        };
    }

    @Test
    void configurationWithOverrides() {
        KubeletSettings s = KubeletSettings.of(config("node-b", new String[] {"zone=a", "disk = ssd"},
                new String[] {"dedicated=gpu:NoSchedule", "maintenance:NoExecute"}, "1500m", "2Gi"),
                name -> name.equals("karaf.data") ? "/var/karaf" : null);
        assertEquals("node-b", s.nodeName());
        assertEquals("system:node:node-b", s.user());
        assertEquals(Map.of("zone", "a", "disk", "ssd"), s.labels());
        Taint gpu = s.taints().get(0);
        assertEquals("dedicated", gpu.getKey());
        assertEquals("gpu", gpu.getValue());
        assertEquals("NoSchedule", gpu.getEffect());
        assertEquals("maintenance", s.taints().get(1).getKey());
        assertEquals("1500m", s.capacity().get("cpu").toString());
        assertEquals("2Gi", s.capacity().get("memory").toString());
        assertEquals("20", s.capacity().get("pods").toString());
        assertEquals("127.0.0.1", s.address());
        assertEquals(Path.of("/var/karaf/kybern/kubelet/node-b"), s.dataDir());
        assertEquals(Path.of("/var/karaf/kybern/pki/ca.crt"), s.caFile());
        assertEquals(List.of("10.96.0.10"), s.dns().clusterDns());
        assertEquals("cluster.local", s.dns().clusterDomain());
    }

    @Test
    void defaultsComeFromTheHost() {
        KubeletSettings s = KubeletSettings.of(config("", new String[0], new String[0], "", ""), name -> "/tmp");
        assertEquals(HostResources.hostName(), s.nodeName());
        assertEquals(Integer.toString(Runtime.getRuntime().availableProcessors()), s.capacity().get("cpu").toString());
        assertTrue(s.capacity().get("memory").getNumericalAmount().signum() > 0);
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        assertEquals("cpu: \"lots\" is not a positive Kubernetes quantity (e.g. 2, 1500m, 8Gi)",
                assertThrows(IllegalArgumentException.class, () -> KubeletSettings.of(config("n", new String[0],
                        new String[0], "lots", ""), name -> "/tmp")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KubeletSettings.of(config("n", new String[0],
                new String[] {"key=value:Sometimes"}, "", ""), name -> "/tmp")).getMessage().startsWith("taints:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KubeletSettings.of(config("n",
                new String[] {"novalue"}, new String[0], "", ""), name -> "/tmp")).getMessage().startsWith("labels:"));
    }
}
