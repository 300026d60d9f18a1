package org.kybern.apiserver.internal.rest;

import java.util.List;

/**
 * One kind the API serves, as discovery describes it.
 *
 * @param group        API group ({@code ""} for core)
 * @param version      API version
 * @param resource     plural resource name in URLs
 * @param singular     singular name
 * @param kind         the kind in objects
 * @param namespaced   whether objects live in a namespace
 * @param shortNames   kubectl short names
 * @param subresources subresources served ({@code status}, {@code scale}, ...)
 */
public record ResourceType(String group, String version, String resource, String singular, String kind,
        boolean namespaced, List<String> shortNames, List<String> subresources) {

    /** The verbs every resource supports. */
    public static final List<String> VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    public ResourceType {
        shortNames = List.copyOf(shortNames);
        subresources = List.copyOf(subresources);
    }

    /** {@code v1} or {@code apps/v1}, as in {@code apiVersion}. */
    public String groupVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The store key of an object: {@code /registry/<resource>/<namespace>/<name>}, or without namespace. */
    public String key(String namespace, String name) {
        return namespaced ? "/registry/" + storagePrefix() + "/" + namespace + "/" + name
                : "/registry/" + storagePrefix() + "/" + name;
    }

    /** The store prefix of a list: every namespace ({@code namespace == null}) or one. */
    public String listPrefix(String namespace) {
        return namespace == null || !namespaced ? "/registry/" + storagePrefix() + "/"
                : "/registry/" + storagePrefix() + "/" + namespace + "/";
    }

    /** Events of both groups share one storage, as in Kubernetes. */
    private String storagePrefix() {
        return group.isEmpty() || group.equals("events.k8s.io") ? resource : group + "/" + resource;
    }
}
