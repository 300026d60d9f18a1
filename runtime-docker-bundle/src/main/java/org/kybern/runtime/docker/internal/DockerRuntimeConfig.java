package org.kybern.runtime.docker.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the Docker runtime (PID {@code org.kybern.runtime.docker}). */
@ObjectClassDefinition(name = "Kybern Docker runtime", description = "The container runtime on dockerd")
public @interface DockerRuntimeConfig {

    @AttributeDefinition(description = "Where dockerd listens: unix:///path or tcp://host:port")
    String dockerHost() default "unix:///var/run/docker.sock";

    @AttributeDefinition(description = "Image of the pod sandbox container, which holds the pod's network "
            + "namespace; `./kybern images` builds kybern/pause:1 locally")
    String sandboxImage() default "kybern/pause:1";

    @AttributeDefinition(description = "How many sandboxes to keep started in advance, so a pod does not "
            + "wait for its sandbox (0: none). Needs dockerd on this host (a unix socket).")
    int sandboxPoolSize() default 10;
}
