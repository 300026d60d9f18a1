package org.kybern.kubelet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImagePullPolicyTest {

    @Test
    void defaultIsAlwaysForLatestOrNoTagElseIfNotPresent() {
        assertEquals(ImagePullPolicy.ALWAYS, ImagePullPolicy.of(null, "busybox"));
        assertEquals(ImagePullPolicy.ALWAYS, ImagePullPolicy.of("", "busybox:latest"));
        assertEquals(ImagePullPolicy.ALWAYS, ImagePullPolicy.of(null, "127.0.0.1:5000/app"));
        assertEquals(ImagePullPolicy.IF_NOT_PRESENT, ImagePullPolicy.of(null, "kybern/busybox:1"));
        assertEquals(ImagePullPolicy.IF_NOT_PRESENT, ImagePullPolicy.of(null, "127.0.0.1:5000/app:2"));
        assertEquals(ImagePullPolicy.IF_NOT_PRESENT, ImagePullPolicy.of(null, "app@sha256:abcd"));
    }

    @Test
    void explicitPoliciesAreHonoured() {
        assertTrue(ImagePullPolicy.of("Always", "a:1").pull(true));
        assertFalse(ImagePullPolicy.of("IfNotPresent", "a:1").pull(true));
        assertTrue(ImagePullPolicy.of("IfNotPresent", "a:1").pull(false));
        assertFalse(ImagePullPolicy.of("Never", "a:latest").pull(false));
        assertThrows(IllegalArgumentException.class, () -> ImagePullPolicy.of("Sometimes", "a:1"));
    }

    @Test
    void registryOfAReference() {
        assertEquals("docker.io", ImagePullPolicy.registry("busybox"));
        assertEquals("docker.io", ImagePullPolicy.registry("library/busybox:1"));
        assertEquals("127.0.0.1:5000", ImagePullPolicy.registry("127.0.0.1:5000/app:1"));
        assertEquals("localhost", ImagePullPolicy.registry("localhost/app"));
        assertEquals("registry.example:443", ImagePullPolicy.registry("registry.example:443/team/app"));
    }
}
