package org.kybern.store.etcd.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Kybern etcd store",
        description = "The Kybern API server's store on an etcd v3 cluster. The store is offered once this "
                + "configuration exists (etc/org.kybern.store.etcd.cfg).")
public @interface EtcdStoreConfig {

    @AttributeDefinition(name = "Endpoints",
            description = "Client URLs of the etcd members, e.g. http://127.0.0.1:2379 or https://10.0.0.5:2379.")
    String[] endpoints() default "http://127.0.0.1:2379";

    @AttributeDefinition(name = "Key prefix",
            description = "Where in etcd the store's keys live (Kubernetes uses /registry). No trailing '/'.")
    String prefix() default "/registry";

    @AttributeDefinition(name = "Request timeout (seconds)", min = "1")
    int timeoutSeconds() default 10;

    @AttributeDefinition(name = "CA certificate file",
            description = "PEM file of the CA that signed the members' certificates; empty for plain HTTP.")
    String caFile() default "";

    @AttributeDefinition(name = "Client certificate file", description = "PEM client certificate, for mutual TLS.")
    String certFile() default "";

    @AttributeDefinition(name = "Client key file", description = "PEM PKCS#8 private key of the client certificate.")
    String keyFile() default "";

    @AttributeDefinition(name = "User", description = "etcd user, when etcd authentication is on.")
    String user() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD)
    String password() default "";
}
