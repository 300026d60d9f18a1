package org.kybern.apiserver.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RestPathTest {

    @Test
    void discoveryPaths() {
        assertEquals(new RestPath("", null, null, null, null, null), RestPath.parse("/api"));
        assertEquals(new RestPath("", "v1", null, null, null, null), RestPath.parse("/api/v1"));
        assertEquals(new RestPath(null, null, null, null, null, null), RestPath.parse("/apis"));
        assertEquals(new RestPath("apps", "v1", null, null, null, null), RestPath.parse("/apis/apps/v1/"));
        assertTrue(RestPath.parse("/apis/apps").discovery());
    }

    @Test
    void namespacedObjectsAndTheirSubresources() {
        assertEquals(new RestPath("", "v1", "default", "pods", "web", "status"),
                RestPath.parse("/api/v1/namespaces/default/pods/web/status"));
        assertEquals(new RestPath("apps", "v1", "prod", "deployments", null, null),
                RestPath.parse("/apis/apps/v1/namespaces/prod/deployments"));
    }

    @Test
    void namespacesThemselvesAndAllNamespaceLists() {
        assertEquals(new RestPath("", "v1", null, "namespaces", "prod", null), RestPath.parse("/api/v1/namespaces/prod"));
        assertEquals(new RestPath("", "v1", null, "namespaces", "prod", "status"),
                RestPath.parse("/api/v1/namespaces/prod/status"));
        assertEquals(new RestPath("", "v1", null, "pods", null, null), RestPath.parse("/api/v1/pods"));
    }

    @Test
    void somethingElseIsNoApiPath() {
        assertNull(RestPath.parse("/version"));
        assertNull(RestPath.parse("/"));
    }
}
