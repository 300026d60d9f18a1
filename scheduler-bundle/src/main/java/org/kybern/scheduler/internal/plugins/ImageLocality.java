package org.kybern.scheduler.internal.plugins;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kybern.api.scheduler.CycleState;
import org.kybern.api.scheduler.NodeInfo;
import org.kybern.api.scheduler.SchedulerPlugin;
import org.kybern.api.scheduler.ScorePlugin;
import org.osgi.service.component.annotations.Component;

/**
 * Kubernetes' ImageLocality: nodes that already hold the pod's images ({@code status.images}), those of its
 * init containers too, score higher, by the images' sizes, each scaled by the share of nodes that hold it (so
 * an image everywhere does not pull every pod to one node); between 23 MB and 1 000 MB per container, mapped
 * to 0-100.
 */
@Component(property = {SchedulerPlugin.NAME_PROPERTY + "=ImageLocality", SchedulerPlugin.PROFILE_PROPERTY + "=*"})
public final class ImageLocality implements ScorePlugin {

    static final long MIN_THRESHOLD = 23L * 1024 * 1024;
    static final long MAX_CONTAINER_THRESHOLD = 1000L * 1024 * 1024;
    private static final String SPREAD = "ImageLocality/spread";

    @Override
    public String name() {
        return "ImageLocality";
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo node) {
        Map<String, Long> onNode = images(node);
        if (onNode.isEmpty()) {
            return 0;
        }
        List<Container> containers = containers(pod);
        if (containers.isEmpty()) {
            return 0;
        }
        Spread spread = state.read(SPREAD, Spread.class).orElseGet(() -> {
            Spread computed = Spread.of(containers, state.allNodes());
            state.write(SPREAD, computed);
            return computed;
        });
        long sum = 0;
        for (Container c : containers) {
            Long size = onNode.get(normalized(c.getImage()));
            if (size != null) {
                sum += (long) (size * spread.share(normalized(c.getImage())));
            }
        }
        long max = MAX_CONTAINER_THRESHOLD * containers.size();
        long clamped = Math.max(MIN_THRESHOLD, Math.min(max, sum));
        return MAX_SCORE * (clamped - MIN_THRESHOLD) / (max - MIN_THRESHOLD);
    }

    /** The pod's init containers and containers: Kubernetes scores the images of both. */
    private static List<Container> containers(Pod pod) {
        List<Container> all = new ArrayList<>();
        if (pod.getSpec().getInitContainers() != null) {
            all.addAll(pod.getSpec().getInitContainers());
        }
        if (pod.getSpec().getContainers() != null) {
            all.addAll(pod.getSpec().getContainers());
        }
        return all;
    }

    /** Of each image of the pod, the share of nodes that hold it. */
    private record Spread(Map<String, Double> shares) {
        static Spread of(List<Container> containers, List<NodeInfo> nodes) {
            Map<String, Double> shares = new HashMap<>();
            for (Container c : containers) {
                String image = normalized(c.getImage());
                long holding = nodes.stream().filter(n -> images(n).containsKey(image)).count();
                shares.put(image, nodes.isEmpty() ? 0 : (double) holding / nodes.size());
            }
            return new Spread(shares);
        }

        double share(String image) {
            return shares.getOrDefault(image, 0.0);
        }
    }

    private static Map<String, Long> images(NodeInfo node) {
        var status = node.node().getStatus();
        if (status == null || status.getImages() == null) {
            return Map.of();
        }
        Map<String, Long> sizes = new HashMap<>();
        for (ContainerImage image : status.getImages()) {
            if (image.getNames() != null) {
                for (String name : image.getNames()) {
                    sizes.put(normalized(name), image.getSizeBytes() == null ? 0 : image.getSizeBytes());
                }
            }
        }
        return sizes;
    }

    /** "busybox" and "busybox:latest" name the same image. */
    static String normalized(String image) {
        if (image == null) {
            return "";
        }
        int slash = image.lastIndexOf('/');
        return image.indexOf(':', slash + 1) < 0 && !image.contains("@") ? image + ":latest" : image;
    }
}
