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
 * The real {@code /usr/bin/kubectl} against a cluster started with {@code ./kybern up}: what the
 * API serves so far (discovery, create from a manifest, get in its output formats, label,
 * annotate, patch --type=merge|json, scale, selectors, get --watch, delete, and errors as Kubernetes
 * Status). The rest of issue 5 (protobuf request bodies of kubectl's typed commands, OpenAPI for
 * validation and apply, strategic merge patch, tables) extends this test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedCluster.class)
class KubectlIT {

    private static final String MANIFEST = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop
            ---
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
                  containers:
                  - name: web
                    image: busybox
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
    void createFromAManifestThenGetInEveryFormat() throws Exception {
        // --validate=false until the API serves OpenAPI documents.
        KybernCluster.Result create = kubectl("create", "--validate=false", "-f", manifest.toString());
        assertEquals(0, create.exitCode(), create.output());
        assertTrue(create.output().contains("namespace/shop created"), create.output());
        assertTrue(create.output().contains("configmap/settings created"), create.output());
        assertTrue(create.output().contains("deployment.apps/web created"), create.output());

        KybernCluster.Result list = kubectl("-n", "shop", "get", "configmaps");
        assertEquals(0, list.exitCode(), list.output());
        assertTrue(list.output().lines().findFirst().orElse("").matches("NAME\\s+DATA\\s+AGE"), list.output());
        assertTrue(list.output().lines().anyMatch(l -> l.matches("settings\\s+1\\s+\\d+s")), list.output());

        KybernCluster.Result wide = kubectl("-n", "shop", "get", "deployments", "-o", "wide");
        assertTrue(wide.output().lines().findFirst().orElse("")
                .matches("NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE\\s+CONTAINERS\\s+IMAGES\\s+SELECTOR"),
                wide.output());
        assertTrue(wide.output().lines().anyMatch(l -> l.matches("web\\s+0/2\\s+0\\s+0\\s+\\d+s\\s+web\\s+busybox\\s+app=web")),
                wide.output());

        KybernCluster.Result json = kubectl("-n", "shop", "get", "cm", "settings", "-o", "json");
        assertTrue(json.output().contains("\"color\": \"blue\""), json.output());
        assertTrue(json.output().contains("\"uid\": \""), json.output());

        KybernCluster.Result yaml = kubectl("-n", "shop", "get", "deploy", "web", "-o", "yaml");
        assertTrue(yaml.output().contains("replicas: 2"), yaml.output());
        assertTrue(yaml.output().contains("generation: 1"), yaml.output());
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
    @Order(3)
    void errorsAreKubernetesStatusMessages() throws Exception {
        KybernCluster.Result again = kubectl("create", "--validate=false", "-f", manifest.toString());
        assertNotEquals(0, again.exitCode());
        assertTrue(again.output().contains("(AlreadyExists)") && again.output().contains("\"settings\" already exists"),
                again.output());
        KybernCluster.Result missing = kubectl("-n", "shop", "get", "cm", "nope");
        assertNotEquals(0, missing.exitCode());
        assertTrue(missing.output().contains("Error from server (NotFound): configmaps \"nope\" not found"),
                missing.output());
        KybernCluster.Result noNamespace = kubectl("-n", "absent", "create", "--validate=false", "-f",
                Files.writeString(cluster.stateDir().resolve("lone.yaml"),
                        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lone\n").toString());
        assertTrue(noNamespace.output().contains("namespaces \"absent\" not found"), noNamespace.output());
    }

    @Test
    @Order(4)
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
        assertEquals("3 2", web.output().trim(), "generation follows the spec change");
        KybernCluster.Result scale = kubectl("-n", "shop", "scale", "deployment", "web", "--replicas=4");
        assertEquals(0, scale.exitCode(), scale.output());
        assertTrue(scale.output().contains("deployment.apps/web scaled"), scale.output());
        assertEquals("4 3", kubectl("-n", "shop", "get", "deploy", "web", "-o",
                "jsonpath={.spec.replicas} {.metadata.generation}").output().trim());
        KybernCluster.Result badScale = kubectl("-n", "shop", "scale", "deployment", "web", "--replicas=2",
                "--current-replicas=3");
        assertNotEquals(0, badScale.exitCode(), "kubectl checks the current replicas against the Scale");

        assertEquals("configmap/settings", kubectl("-n", "shop", "get", "cm", "-l", "tier in (front),app=web",
                "-o", "name").output().trim());
        assertEquals("", kubectl("-n", "shop", "get", "cm", "-l", "tier!=front", "-o", "name").output().trim());
        assertEquals("configmap/settings", kubectl("get", "cm", "-A", "--field-selector",
                "metadata.namespace=shop,metadata.name=settings", "-o", "name").output().trim());
        KybernCluster.Result bad = kubectl("-n", "shop", "get", "cm", "--field-selector", "data.color=blue");
        assertNotEquals(0, bad.exitCode());
        assertTrue(bad.output().contains("field label not supported: data.color"), bad.output());
    }

    @Test
    @Order(5)
    void getWatchSeesAnObjectCreatedAfterItStarted() throws Exception {
        Process watch = cluster.start(List.of("/usr/bin/kubectl", "--kubeconfig", cluster.kubeconfig().toString(), "-n", "shop", "get",
                "configmaps", "--watch", "--output-watch-events"));
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(watch.getInputStream(), UTF_8))) {
            // kubectl lists first (the manifest's configmap), then watches from the list's resourceVersion.
            awaitLine(lines, l -> l.matches("ADDED\\s+settings\\s.*"));
            KybernCluster.Result create = kubectl("create", "--validate=false", "-f",
                    Files.writeString(cluster.stateDir().resolve("later.yaml"),
                            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: later\n  namespace: shop\n").toString());
            assertEquals(0, create.exitCode(), create.output());
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
    @Order(6)
    void deleteFromTheManifest() throws Exception {
        KybernCluster.Result delete = kubectl("delete", "-f", manifest.toString());
        assertEquals(0, delete.exitCode(), delete.output());
        assertTrue(delete.output().contains("configmap \"settings\" deleted"), delete.output());
        KybernCluster.Result gone = kubectl("-n", "shop", "get", "configmaps", "-o", "name");
        assertEquals("", gone.output().trim());
    }

    private static KybernCluster.Result kubectl(String... args) throws Exception {
        // The kybern context ./kybern up made current: HTTPS, the cluster CA, the admin token.
        List<String> command = new ArrayList<>(List.of("/usr/bin/kubectl", "--kubeconfig", cluster.kubeconfig().toString()));
        command.addAll(List.of(args));
        return cluster.run(command);
    }
}
