package org.kybern.client.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Kybern API client",
        description = "Where Kybern's components (scheduler, controllers, kubelet, proxy) reach the "
                + "Kubernetes API server and how they authenticate.")
public @interface ClientConfig {

    @AttributeDefinition(name = "API server",
            description = "The API server's URL, e.g. https://10.0.0.1:6443. Empty: the API server of "
                    + "this Karaf, reached in process (no socket, no TLS; the same authentication); its "
                    + "https://127.0.0.1:<port> (port: the framework property "
                    + "org.osgi.service.http.port.secure, else 6443) names it in messages.")
    String server() default "";

    @AttributeDefinition(name = "CA certificate file",
            description = "PEM file of the CA that signed the API server's certificate; required for https "
                    + "servers. ${name} is replaced by the framework property name.")
    String caFile() default "${karaf.data}/kybern/pki/ca.crt";

    @AttributeDefinition(name = "Token file",
            description = "Kubernetes' static token file (CSV lines token,user,uid,\"group1,group2\"): "
                    + "the client for a user sends the token of that user's line. Required for https "
                    + "servers; a plain http server gets no token when the user has none.")
    String tokenFile() default "${karaf.data}/kybern/tokens.csv";
}
