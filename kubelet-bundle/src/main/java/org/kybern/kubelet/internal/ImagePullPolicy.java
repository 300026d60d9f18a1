package org.kybern.kubelet.internal;

/** Kubernetes' imagePullPolicy, with its default: Always for {@code :latest} or no tag, else IfNotPresent. */
enum ImagePullPolicy {
    ALWAYS, IF_NOT_PRESENT, NEVER;

    static ImagePullPolicy of(String policy, String image) {
        if (policy == null || policy.isEmpty()) {
            return latestOrUntagged(image) ? ALWAYS : IF_NOT_PRESENT;
        }
        return switch (policy) {
            case "Always" -> ALWAYS;
            case "IfNotPresent" -> IF_NOT_PRESENT;
            case "Never" -> NEVER;
            default -> throw new IllegalArgumentException("unknown imagePullPolicy " + policy
                    + " (Always, IfNotPresent or Never)");
        };
    }

    /** Whether to pull now, given whether the image is present. */
    boolean pull(boolean present) {
        return this == ALWAYS || this == IF_NOT_PRESENT && !present;
    }

    /** A reference pinned by digest has no tag; otherwise the tag follows the last ':' after the last '/'. */
    static boolean latestOrUntagged(String image) {
        if (image.contains("@")) {
            return false;
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return colon <= slash || image.substring(colon + 1).equals("latest");
    }

    /** The registry host of a reference, as Docker reads it ({@code docker.io} when the first part is no host). */
    static String registry(String image) {
        int slash = image.indexOf('/');
        if (slash < 0) {
            return "docker.io";
        }
        String first = image.substring(0, slash);
        return first.contains(".") || first.contains(":") || first.equals("localhost") ? first : "docker.io";
    }
}
