package org.kybern.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.concurrent.TimeUnit;

/**
 * A SIMULATION of a cluster's nodes for the scheduler benchmark: "hollow" nodes, Node objects with
 * no kubelet behind them. Like the system tests' {@code SimulatedNodes}, each is labelled and
 * tainted {@value #LABEL}=true (NoSchedule), so only pods that select the label and tolerate the
 * taint ({@link #POD_PLACEMENT}) go there, and is Ready with {@value #CPU} cpu, {@value #MEMORY}
 * memory and {@value #PODS} pods, in one of {@value #ZONES} zones. The scheduler places pods on them;
 * nothing ever runs those pods.
 */
final class HollowNodes {

    static final String LABEL = "kybern.io/simulated";
    static final String CPU = "4";
    static final String MEMORY = "16Gi";
    static final String PODS = "110";
    static final int ZONES = 3;

    /** The fields of a pod spec that send a pod to hollow nodes (and only there). */
    static final String POD_PLACEMENT = "\"nodeSelector\":{\"" + LABEL + "\":\"true\"},\"tolerations\":[{\"key\":\""
            + LABEL + "\",\"operator\":\"Exists\",\"effect\":\"NoSchedule\"}]";

    private HollowNodes() {
    }

    static String name(int i) {
        return "hollow-" + i;
    }

    /**
     * Creates hollow nodes {@code 0 … count-1} through the API (the object, then its status, which a
     * create does not keep), spread over {@code clients} (one client per thread); returns the seconds it took.
     */
    static double create(ApiConnection api, HttpClient[] clients, int count) throws Exception {
        int n = clients.length;
        ApiBench.Result made = ApiBench.measure(n, k -> (count - k + n - 1) / n, TimeUnit.MINUTES.toNanos(5), (k, i) -> {
            int node = i * n + k;
            long start = System.nanoTime();
            ApiConnection.send(clients[k], api.request("/api/v1/nodes").header("Content-Type", "application/json")
                    .POST(BodyPublishers.ofString(node(node))).build(), 201);
            ApiConnection.send(clients[k], api.request("/api/v1/nodes/" + name(node) + "/status")
                    .header("Content-Type", "application/merge-patch+json").method("PATCH", BodyPublishers.ofString(STATUS))
                    .build(), 200);
            return System.nanoTime() - start;
        });
        if (made.ops() != count) {
            throw new IllegalStateException("only " + made.ops() + " of " + count + " hollow nodes were created in 5 min");
        }
        return made.seconds();
    }

    private static String node(int i) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"" + name(i) + "\",\"labels\":{\""
                + LABEL + "\":\"true\",\"kubernetes.io/hostname\":\"" + name(i) + "\",\"topology.kubernetes.io/zone\":"
                + "\"zone-" + (char) ('a' + i % ZONES) + "\"}},\"spec\":{\"taints\":[{\"key\":\"" + LABEL
                + "\",\"value\":\"true\",\"effect\":\"NoSchedule\"}]}}";
    }

    private static final String STATUS = "{\"status\":{\"capacity\":{\"cpu\":\"" + CPU + "\",\"memory\":\"" + MEMORY
            + "\",\"pods\":\"" + PODS + "\"},\"allocatable\":{\"cpu\":\"" + CPU + "\",\"memory\":\"" + MEMORY
            + "\",\"pods\":\"" + PODS + "\"},\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"reason\":"
            + "\"Simulated\",\"message\":\"a hollow node of the scheduler benchmark: no kubelet\"}]}}";
}
