package org.kybern.apiserver.internal.rest;

import java.util.ArrayList;
import java.util.List;

/**
 * A request path below {@code /api} or {@code /apis}, parsed as the Kubernetes API server does.
 *
 * @param group        API group ({@code ""} for core), or {@code null} for {@code /apis}
 * @param version      API version, or {@code null} for a group or root discovery request
 * @param namespace    the namespace, or {@code null} for cluster-scoped or all-namespace requests
 * @param resource     plural resource, or {@code null} for discovery
 * @param name         object name, or {@code null} for a collection
 * @param subresource  subresource, or {@code null}
 */
public record RestPath(String group, String version, String namespace, String resource, String name,
        String subresource) {

    /** Parses {@code /api/...} or {@code /apis/...}; {@code null} when the path is not an API path. */
    public static RestPath parse(String path) {
        List<String> s = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                s.add(part);
            }
        }
        if (s.isEmpty()) {
            return null;
        }
        String group;
        String version;
        List<String> rest;
        if (s.get(0).equals("api")) {
            group = "";
            version = s.size() > 1 ? s.get(1) : null;
            rest = s.size() > 2 ? s.subList(2, s.size()) : List.of();
        } else if (s.get(0).equals("apis")) {
            group = s.size() > 1 ? s.get(1) : null;
            version = s.size() > 2 ? s.get(2) : null;
            rest = s.size() > 3 ? s.subList(3, s.size()) : List.of();
        } else {
            return null;
        }
        if (rest.isEmpty()) {
            return new RestPath(group, version, null, null, null, null);
        }
        boolean inNamespace = rest.get(0).equals("namespaces") && rest.size() >= 3
                && !List.of("status", "finalize").contains(rest.get(2));
        if (inNamespace) {
            return new RestPath(group, version, rest.get(1), rest.get(2), at(rest, 3), at(rest, 4));
        }
        return new RestPath(group, version, null, rest.get(0), at(rest, 1), at(rest, 2));
    }

    /** Whether this asks for discovery rather than objects. */
    public boolean discovery() {
        return resource == null;
    }

    private static String at(List<String> list, int i) {
        return list.size() > i ? list.get(i) : null;
    }
}
