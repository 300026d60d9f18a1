package org.kybern.tests.system;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real {@code /usr/bin/kubectl} against a cluster started with {@code ./kybern up}: discovery,
 * kubectl's typed create commands (protobuf bodies), apply and apply again (strategic merge
 * patch), get in its output formats, describe, label, annotate, patch --type=merge|json, scale,
 * selectors, get --watch, delete, errors as Kubernetes Status, and kubectl's validation on the
 * server (OpenAPI v3 announces fieldValidation; unknown fields are refused).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedCluster.class)
class KubectlIT {

    private static final String MANIFEST = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              namespace: shop
              labels:
                app: web
            data:
              color: blue
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  schedulerName: kybern-test-no-scheduler  # its pods stay Pending: no kubelet pulls busybox
                  containers:
                  - name: web
                    image: busybox
                    env:
                    - name: MODE
                      value: fast
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              namespace: shop
            spec:
              selector:
                app: web
              ports:
              - port: 80
                targetPort: 8080
            """;

    private static KybernCluster cluster;
    private static Path manifest;

    @BeforeAll
    static void up() throws Exception {
        cluster = SharedCluster.get();
        manifest = Files.writeString(cluster.stateDir().resolve("shop.yaml"), MANIFEST);
    }

    @Test
    @Order(1)
    void versionAndDiscovery() throws Exception {
        KybernCluster.Result version = kubectl("version");
        assertEquals(0, version.exitCode(), version.output());
        assertTrue(version.output().contains("Server Version: v1.32.0+kybern"), version.output());

        KybernCluster.Result resources = kubectl("api-resources");
        assertEquals(0, resources.exitCode(), resources.output());
        for (String line : List.of("configmaps +cm +v1 +true +ConfigMap", "namespaces +ns +v1 +false +Namespace",
                "deployments +deploy +apps/v1 +true +Deployment", "leases +coordination.k8s.io/v1 +true +Lease",
                "horizontalpodautoscalers +hpa +autoscaling/v2 +true +HorizontalPodAutoscaler")) {
            assertTrue(resources.output().lines().anyMatch(l -> l.matches(line.replace(" +", "\\s+") + "\\s*")),
                    line + " in:\n" + resources.output());
        }
    }

    @Test
    @Order(2)
    void typedCreateCommandsSendProtobuf() throws Exception {
        assertOutput(kubectl("create", "namespace", "shop"), "namespace/shop created");
        assertOutput(kubectl("-n", "shop", "create", "configmap", "flags", "--from-literal=beta=on"),
                "configmap/flags created");
        assertOutput(kubectl("-n", "shop", "create", "secret", "generic", "creds", "--from-literal=password=s3cret"),
                "secret/creds created");
        assertOutput(kubectl("-n", "shop", "create", "deployment", "idle", "--image=busybox", "--replicas=0"),
                "deployment.apps/idle created");
        assertOutput(kubectl("-n", "shop", "create", "service", "clusterip", "idle", "--tcp=80:8080"),
                "service/idle created");

        assertEquals("on czNjcmV0 0 busybox 8080", String.join(" ",
                jsonpath("cm", "flags", "{.data.beta}"), jsonpath("secret", "creds", "{.data.password}"),
                jsonpath("deploy", "idle", "{.spec.replicas}"),
                jsonpath("deploy", "idle", "{.spec.template.spec.containers[0].image}"),
                jsonpath("svc", "idle", "{.spec.ports[0].targetPort}")),
                "a zero the client set explicitly (replicas) survives the protobuf decoding");
    }

    @Test
    @Order(3)
    void applyThenApplyAnEditedManifest() throws Exception {
        KybernCluster.Result create = kubectl("apply", "-f", manifest.toString());
        assertEquals(0, create.exitCode(), create.output());
        assertTrue(create.output().contains("configmap/settings created"), create.output());
        assertTrue(create.output().contains("deployment.apps/web created"), create.output());
        assertTrue(create.output().contains("service/web created"), create.output());
        // A change made by someone else, outside the manifest: apply's three-way merge keeps it.
        assertEquals(0, kubectl("-n", "shop", "annotate", "deployment", "web", "note=by-hand").exitCode());

        Files.writeString(manifest, MANIFEST.replace("color: blue", "size: M")
                .replace("replicas: 2", "replicas: 3")
                .replace("image: busybox", "image: busybox:1.36")
                .replace("value: fast\n", "value: fast\n        - name: LEVEL\n          value: \"2\"\n"));
        KybernCluster.Result again = kubectl("apply", "-f", manifest.toString());
        assertEquals(0, again.exitCode(), again.output());
        assertTrue(again.output().contains("configmap/settings configured"), again.output());
        assertTrue(again.output().contains("deployment.apps/web configured"), again.output());
        assertTrue(again.output().contains("service/web unchanged"), again.output());

        assertEquals("M||3|busybox:1.36|MODE=fast,LEVEL=2,|by-hand|2", String.join("|",
                jsonpath("cm", "settings", "{.data.size}"), jsonpath("cm", "settings", "{.data.color}"),
                jsonpath("deploy", "web", "{.spec.replicas}"),
                jsonpath("deploy", "web", "{.spec.template.spec.containers[0].image}"),
                jsonpath("deploy", "web", "{range .spec.template.spec.containers[0].env[*]}{.name}={.value},{end}"),
                jsonpath("deploy", "web", "{.metadata.annotations.note}"),
                jsonpath("deploy", "web", "{.metadata.generation}")));
        Files.writeString(manifest, MANIFEST); // the later steps use the original manifest
        assertEquals(0, kubectl("apply", "-f", manifest.toString()).exitCode());
    }

    @Test
    @Order(4)
    void getInEveryFormat() throws Exception {
        KybernCluster.Result list = kubectl("-n", "shop", "get", "configmaps");
        assertEquals(0, list.exitCode(), list.output());
        assertTrue(list.output().lines().findFirst().orElse("").matches("NAME\\s+DATA\\s+AGE"), list.output());
        assertTrue(list.output().lines().anyMatch(l -> l.matches("settings\\s+1\\s+\\d+s")), list.output());

        KybernCluster.Result wide = kubectl("-n", "shop", "get", "deployments", "-o", "wide");
        assertTrue(wide.output().lines().findFirst().orElse("")
                .matches("NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE\\s+CONTAINERS\\s+IMAGES\\s+SELECTOR"),
                wide.output());
        assertTrue(wide.output().lines().anyMatch(l -> l.matches("web\\s+0/2\\s+\\d\\s+0\\s+\\d+s\\s+web\\s+busybox\\s+app=web")),
                wide.output());

        KybernCluster.Result json = kubectl("-n", "shop", "get", "cm", "settings", "-o", "json");
        assertTrue(json.output().contains("\"color\": \"blue\""), json.output());
        assertTrue(json.output().contains("\"uid\": \""), json.output());

        KybernCluster.Result yaml = kubectl("-n", "shop", "get", "deploy", "web", "-o", "yaml");
        assertTrue(yaml.output().contains("replicas: 2"), yaml.output());
        assertTrue(yaml.output().contains("image: busybox\n"), yaml.output());
        assertEquals("RollingUpdate 25% Always Always", kubectl("-n", "shop", "get", "deploy", "web", "-o",
                "jsonpath={.spec.strategy.type} {.spec.strategy.rollingUpdate.maxSurge} "
                        + "{.spec.template.spec.restartPolicy} {.spec.template.spec.containers[0].imagePullPolicy}")
                .output().trim(), "Kubernetes' defaults");

        KybernCluster.Result all = kubectl("get", "configmaps", "-A");
        assertTrue(all.output().lines().anyMatch(l -> l.startsWith("shop ") && l.contains("settings")), all.output());

        KybernCluster.Result namespaces = kubectl("get", "namespaces", "-o", "name");
        for (String ns : List.of("namespace/default", "namespace/kube-system", "namespace/shop")) {
            assertTrue(namespaces.output().contains(ns), namespaces.output());
        }
    }

    @Test
    @Order(5)
    void describeShowsTheObject() throws Exception {
        KybernCluster.Result deployment = kubectl("-n", "shop", "describe", "deployment", "web");
        assertEquals(0, deployment.exitCode(), deployment.output());
        for (String line : List.of("Name:\\s+web", "Namespace:\\s+shop", "Selector:\\s+app=web",
                "Replicas:\\s+2 desired .*", "StrategyType:\\s+RollingUpdate", "\\s+Image:\\s+busybox",
                "\\s+MODE:\\s+fast")) {
            assertTrue(deployment.output().lines().anyMatch(l -> l.matches(line)), line + " in:\n" + deployment.output());
        }
        KybernCluster.Result configMap = kubectl("-n", "shop", "describe", "configmap", "settings");
        assertEquals(0, configMap.exitCode(), configMap.output());
        assertTrue(configMap.output().contains("color:\n----\nblue"), configMap.output());
    }

    @Test
    @Order(6)
    void validationOnTheServerRefusesATypoAndExplainReadsTheSchema() throws Exception {
        Path typo = Files.writeString(cluster.stateDir().resolve("typo.yaml"), MANIFEST.replace("replicas: 2",
                "replica: 2").replace("image: busybox", "image: busybox\n        imagePullPolice: Always"));
        KybernCluster.Result refused = kubectl("apply", "-f", typo.toString());
        assertNotEquals(0, refused.exitCode(), refused.output());
        assertTrue(refused.output().contains("Error from server (BadRequest)"), refused.output());
        assertTrue(refused.output().contains("Deployment in version \"v1\" cannot be handled as a Deployment: strict "
                + "decoding error: "), refused.output());
        assertTrue(refused.output().contains("unknown field \"spec.replica\""), refused.output());
        assertTrue(refused.output().contains("unknown field \"spec.template.spec.containers[0].imagePullPolice\""),
                refused.output());
        assertEquals("2", jsonpath("deploy", "web", "{.spec.replicas}"), "nothing of the refused apply was stored");

        KybernCluster.Result explain = kubectl("explain", "deployment.spec.strategy");
        assertEquals(0, explain.exitCode(), explain.output());
        assertTrue(explain.output().contains("rollingUpdate\t<RollingUpdateDeployment>"), explain.output());
    }

    @Test
    @Order(7)
    void errorsAreKubernetesStatusMessages() throws Exception {
        KybernCluster.Result again = kubectl("create", "-f", manifest.toString());
        assertNotEquals(0, again.exitCode());
        assertTrue(again.output().contains("(AlreadyExists)") && again.output().contains("\"settings\" already exists"),
                again.output());
        KybernCluster.Result missing = kubectl("-n", "shop", "get", "cm", "nope");
        assertNotEquals(0, missing.exitCode());
        assertTrue(missing.output().contains("Error from server (NotFound): configmaps \"nope\" not found"),
                missing.output());
        KybernCluster.Result noNamespace = kubectl("-n", "absent", "create", "-f",
                Files.writeString(cluster.stateDir().resolve("lone.yaml"),
                        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lone\n").toString());
        assertTrue(noNamespace.output().contains("namespaces \"absent\" not found"), noNamespace.output());
    }

    @Test
    @Order(8)
    void labelAnnotatePatchScaleAndSelect() throws Exception {
        assertEquals(0, kubectl("-n", "shop", "label", "configmap", "settings", "tier=front").exitCode());
        assertEquals(0, kubectl("-n", "shop", "annotate", "configmap", "settings", "owner=team-a").exitCode());
        KybernCluster.Result merge = kubectl("-n", "shop", "patch", "configmap", "settings", "--type=merge",
                "-p", "{\"data\":{\"size\":\"L\"}}");
        assertEquals(0, merge.exitCode(), merge.output());
        assertTrue(merge.output().contains("configmap/settings patched"), merge.output());
        KybernCluster.Result json = kubectl("-n", "shop", "patch", "deployment", "web", "--type=json",
                "-p", "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":3}]");
        assertEquals(0, json.exitCode(), json.output());

        KybernCluster.Result settings = kubectl("-n", "shop", "get", "cm", "settings", "-o",
                "jsonpath={.metadata.labels.tier} {.metadata.annotations.owner} {.data.size} {.data.color}");
        assertEquals("front team-a L blue", settings.output().trim());
        KybernCluster.Result web = kubectl("-n", "shop", "get", "deploy", "web", "-o",
                "jsonpath={.spec.replicas} {.metadata.generation}");
        assertEquals("3", web.output().trim().split(" ")[0]);
        String generation = web.output().trim().split(" ")[1];
        KybernCluster.Result scale = kubectl("-n", "shop", "scale", "deployment", "web", "--replicas=4");
        assertEquals(0, scale.exitCode(), scale.output());
        assertTrue(scale.output().contains("deployment.apps/web scaled"), scale.output());
        assertEquals("4 " + (Long.parseLong(generation) + 1), kubectl("-n", "shop", "get", "deploy", "web", "-o",
                "jsonpath={.spec.replicas} {.metadata.generation}").output().trim(), "generation follows the spec");
        KybernCluster.Result badScale = kubectl("-n", "shop", "scale", "deployment", "web", "--replicas=2",
                "--current-replicas=3");
        assertNotEquals(0, badScale.exitCode(), "kubectl checks the current replicas against the Scale");

        assertEquals("configmap/settings", kubectl("-n", "shop", "get", "cm", "-l", "tier in (front),app=web",
                "-o", "name").output().trim());
        assertEquals("", kubectl("-n", "shop", "get", "cm", "-l", "app=web,tier!=front", "-o", "name").output().trim());
        assertEquals("configmap/settings", kubectl("get", "cm", "-A", "--field-selector",
                "metadata.namespace=shop,metadata.name=settings", "-o", "name").output().trim());
        KybernCluster.Result bad = kubectl("-n", "shop", "get", "cm", "--field-selector", "data.color=blue");
        assertNotEquals(0, bad.exitCode());
        assertTrue(bad.output().contains("field label not supported: data.color"), bad.output());
    }

    @Test
    @Order(9)
    void getWatchSeesAnObjectCreatedAfterItStarted() throws Exception {
        Process watch = cluster.start(List.of("/usr/bin/kubectl", "--kubeconfig", cluster.kubeconfig().toString(), "-n", "shop", "get",
                "configmaps", "--watch", "--output-watch-events"));
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(watch.getInputStream(), UTF_8))) {
            // kubectl lists first (the manifest's configmap), then watches from the list's resourceVersion.
            awaitLine(lines, l -> l.matches("ADDED\\s+settings\\s.*"));
            assertOutput(kubectl("-n", "shop", "create", "configmap", "later"), "configmap/later created");
            awaitLine(lines, l -> l.matches("ADDED\\s+later\\s.*"));
            kubectl("-n", "shop", "delete", "configmap", "later");
            awaitLine(lines, l -> l.matches("DELETED\\s+later\\s.*"));
        } finally {
            watch.destroyForcibly();
            watch.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The first line matching, read with a deadline (the reader runs on its own thread). */
    private static String awaitLine(BufferedReader lines, Predicate<String> wanted) throws Exception {
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            return reader.submit(() -> {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (wanted.test(line.trim())) {
                        return line.trim();
                    }
                }
                throw new AssertionError("the watch ended before the expected line");
            }).get(30, TimeUnit.SECONDS);
        } finally {
            reader.shutdownNow();
        }
    }

    @Test
    @Order(10)
    void deleteByNameByLabelAndFromTheManifest() throws Exception {
        assertOutput(kubectl("-n", "shop", "delete", "configmap", "flags"), "configmap \"flags\" deleted");
        assertOutput(kubectl("-n", "shop", "label", "secret", "creds", "app=web"), "secret/creds labeled");
        assertOutput(kubectl("-n", "shop", "delete", "secrets", "-l", "app=web"), "secret \"creds\" deleted");
        assertEquals("", kubectl("-n", "shop", "get", "secrets", "-o", "name").output().trim());

        KybernCluster.Result delete = kubectl("delete", "-f", manifest.toString());
        assertEquals(0, delete.exitCode(), delete.output());
        assertTrue(delete.output().contains("configmap \"settings\" deleted"), delete.output());
        assertTrue(delete.output().contains("deployment.apps \"web\" deleted"), delete.output());
        assertTrue(delete.output().contains("service \"web\" deleted"), delete.output());
        assertEquals("deployment.apps/idle", kubectl("-n", "shop", "get", "configmaps,deployments", "-o", "name")
                .output().trim());

        // Foreground: the deployment is marked (finalizer foregroundDeletion); the garbage collector
        // finds no dependent to wait for and removes the finalizer, which removes the deployment.
        assertOutput(kubectl("-n", "shop", "delete", "deployment", "idle", "--cascade=foreground", "--timeout=60s"),
                "deployment.apps \"idle\" deleted");
        assertEquals("", kubectl("-n", "shop", "get", "deployments", "-o", "name").output().trim());
    }

    private static void assertOutput(KybernCluster.Result result, String expected) {
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains(expected), expected + " in:\n" + result.output());
    }

    private static String jsonpath(String resource, String name, String template) throws Exception {
        KybernCluster.Result result = kubectl("-n", "shop", "get", resource, name, "-o", "jsonpath=" + template);
        assertEquals(0, result.exitCode(), result.output());
        return result.output().trim();
    }

    private static KybernCluster.Result kubectl(String... args) throws Exception {
        return cluster.kubectl(args);
    }
}
