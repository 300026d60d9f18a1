package org.kybern.kubelet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvResolverTest {

    private final ConfigMap settings = new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata()
            .withData(Map.of("mode", "fast", "level", "3")).build();
    private final Secret db = new SecretBuilder().withNewMetadata().withName("db").endMetadata()
            .withData(Map.of("password", Base64.getEncoder().encodeToString("s3cret".getBytes(StandardCharsets.UTF_8))))
            .build();
    private final Pod pod = new PodBuilder().withNewMetadata().withName("web").withNamespace("shop").withUid("u-1")
            .withLabels(Map.of("app", "web")).endMetadata().withNewSpec().withNodeName("node-a")
            .withServiceAccountName("default").endSpec().build();

    private EnvResolver.Context context(Map<String, String> serviceEnv) {
        return new EnvResolver.Context(
                (ns, name) -> ns.equals("shop") && name.equals("settings") ? Optional.of(settings) : Optional.empty(),
                (ns, name) -> ns.equals("shop") && name.equals("db") ? Optional.of(db) : Optional.empty(),
                serviceEnv, "172.17.0.5", "127.0.0.1", Map.of("cpu", new Quantity("2"), "memory", new Quantity("1Gi")));
    }

    @Test
    void valuesSourcesAndExpansionInDeclarationOrder() {
        Container c = new ContainerBuilder().withName("app")
                .addNewEnvFrom().withPrefix("CFG_").withNewConfigMapRef().withName("settings").endConfigMapRef().endEnvFrom()
                .addNewEnv().withName("GREETING").withValue("hello").endEnv()
                .addNewEnv().withName("MESSAGE").withValue("$(GREETING) from $(POD_NAME) $(UNDEFINED) $$(GREETING)").endEnv()
                .addNewEnv().withName("POD_NAME").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name")
                .endFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("APP").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.labels['app']")
                .endFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("IP").withNewValueFrom().withNewFieldRef().withFieldPath("status.podIP")
                .endFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("PASSWORD").withNewValueFrom().withNewSecretKeyRef().withName("db").withKey("password")
                .endSecretKeyRef().endValueFrom().endEnv()
                .addNewEnv().withName("MODE").withNewValueFrom().withNewConfigMapKeyRef().withName("settings").withKey("mode")
                .endConfigMapKeyRef().endValueFrom().endEnv()
                .addNewEnv().withName("OPTIONAL").withNewValueFrom().withNewConfigMapKeyRef().withName("settings")
                .withKey("absent").withOptional(true).endConfigMapKeyRef().endValueFrom().endEnv()
                .addNewEnv().withName("MEMORY_MI").withNewValueFrom().withNewResourceFieldRef().withResource("limits.memory")
                .withDivisor(new Quantity("1Mi")).endResourceFieldRef().endValueFrom().endEnv()
                .build();
        Map<String, String> env = EnvResolver.resolve(pod, c, context(Map.of("DB_SERVICE_HOST", "10.96.0.9")));
        List<String> names = List.copyOf(env.keySet());
        assertEquals(java.util.Set.of("CFG_mode", "CFG_level"), java.util.Set.copyOf(names.subList(0, 2)), "envFrom first");
        assertEquals(List.of("GREETING", "MESSAGE", "POD_NAME", "APP", "IP", "PASSWORD", "MODE", "MEMORY_MI",
                "DB_SERVICE_HOST"), names.subList(2, names.size()), "then env in order, then services");
        assertEquals("fast", env.get("CFG_mode"));
        // POD_NAME is declared after MESSAGE, so it is not yet defined there: left as written, as in Kubernetes.
        assertEquals("hello from $(POD_NAME) $(UNDEFINED) $(GREETING)", env.get("MESSAGE"));
        assertEquals("web", env.get("POD_NAME"));
        assertEquals("web", env.get("APP"));
        assertEquals("172.17.0.5", env.get("IP"));
        assertEquals("s3cret", env.get("PASSWORD"));
        assertEquals("fast", env.get("MODE"));
        assertEquals("1024", env.get("MEMORY_MI"), "no limit: the node's allocatable");
        assertEquals("10.96.0.9", env.get("DB_SERVICE_HOST"));
    }

    @Test
    void declaredVariablesWinOverServiceVariablesAndMayUseThem() {
        Container c = new ContainerBuilder().withName("app")
                .addNewEnv().withName("DB_SERVICE_HOST").withValue("override").endEnv()
                .addNewEnv().withName("DB_URL").withValue("db://$(DB_SERVICE_PORT)").endEnv().build();
        Map<String, String> env = EnvResolver.resolve(pod, c, context(Map.of("DB_SERVICE_HOST", "10.96.0.9",
                "DB_SERVICE_PORT", "5432")));
        assertEquals("override", env.get("DB_SERVICE_HOST"));
        assertEquals("db://5432", env.get("DB_URL"));
        assertEquals("5432", env.get("DB_SERVICE_PORT"));
    }

    @Test
    void missingSourcesAreConfigErrorsNamedAsKubernetesNamesThem() {
        Container missingMap = new ContainerBuilder().withName("app").addNewEnv().withName("X").withNewValueFrom()
                .withNewConfigMapKeyRef().withName("nope").withKey("k").endConfigMapKeyRef().endValueFrom().endEnv().build();
        assertEquals("configmap \"nope\" not found",
                assertThrows(ContainerConfigError.class, () -> EnvResolver.resolve(pod, missingMap, context(Map.of())))
                        .getMessage());
        Container missingKey = new ContainerBuilder().withName("app").addNewEnv().withName("X").withNewValueFrom()
                .withNewSecretKeyRef().withName("db").withKey("user").endSecretKeyRef().endValueFrom().endEnv().build();
        assertEquals("couldn't find key user in Secret shop/db",
                assertThrows(ContainerConfigError.class, () -> EnvResolver.resolve(pod, missingKey, context(Map.of())))
                        .getMessage());
    }

    @Test
    void commandAndArgsExpandFromTheEnvironment() {
        assertEquals(List.of("echo", "hello", "$(NOPE)", "$(X)"),
                EnvResolver.expand(List.of("echo", "$(X)", "$(NOPE)", "$$(X)"), Map.of("X", "hello")));
        assertEquals("a$b$", Expansion.expand("a$b$", n -> null));
        assertEquals("$(unclosed", Expansion.expand("$(unclosed", n -> "x"));
    }

    @Test
    void serviceVariablesAsKubernetesAndDockerLinksWriteThem() {
        Service redis = new ServiceBuilder().withNewMetadata().withName("redis-master").withNamespace("shop").endMetadata()
                .withNewSpec().withClusterIP("10.96.0.11").addNewPort().withName("redis").withPort(6379)
                .withProtocol("TCP").endPort().addNewPort().withName("metrics").withPort(9121).withProtocol("TCP").endPort()
                .endSpec().build();
        Service headless = new ServiceBuilder().withNewMetadata().withName("db").withNamespace("shop").endMetadata()
                .withNewSpec().withClusterIP("None").addNewPort().withPort(5432).endPort().endSpec().build();
        Service other = new ServiceBuilder().withNewMetadata().withName("elsewhere").withNamespace("other").endMetadata()
                .withNewSpec().withClusterIP("10.96.0.12").addNewPort().withPort(80).endPort().endSpec().build();
        Service kubernetes = new ServiceBuilder().withNewMetadata().withName("kubernetes").withNamespace("default")
                .endMetadata().withNewSpec().withClusterIP("10.96.0.1").addNewPort().withName("https").withPort(443)
                .withProtocol("TCP").endPort().endSpec().build();
        Map<String, String> env = ServiceEnv.of("shop", true, List.of(redis, headless, other, kubernetes));
        assertEquals("10.96.0.11", env.get("REDIS_MASTER_SERVICE_HOST"));
        assertEquals("6379", env.get("REDIS_MASTER_SERVICE_PORT"));
        assertEquals("6379", env.get("REDIS_MASTER_SERVICE_PORT_REDIS"));
        assertEquals("9121", env.get("REDIS_MASTER_SERVICE_PORT_METRICS"));
        assertEquals("tcp://10.96.0.11:6379", env.get("REDIS_MASTER_PORT"));
        assertEquals("tcp://10.96.0.11:9121", env.get("REDIS_MASTER_PORT_9121_TCP"));
        assertEquals("tcp", env.get("REDIS_MASTER_PORT_6379_TCP_PROTO"));
        assertEquals("6379", env.get("REDIS_MASTER_PORT_6379_TCP_PORT"));
        assertEquals("10.96.0.11", env.get("REDIS_MASTER_PORT_6379_TCP_ADDR"));
        assertEquals("10.96.0.1", env.get("KUBERNETES_SERVICE_HOST"));
        assertEquals(null, env.get("DB_SERVICE_HOST"), "headless services give no variables");
        assertEquals(null, env.get("ELSEWHERE_SERVICE_HOST"), "only the pod's namespace");

        Map<String, String> noLinks = ServiceEnv.of("shop", false, List.of(redis, kubernetes));
        assertEquals(null, noLinks.get("REDIS_MASTER_SERVICE_HOST"), "enableServiceLinks: false");
        assertEquals("443", noLinks.get("KUBERNETES_SERVICE_PORT"), "the kubernetes service always");
    }
}
