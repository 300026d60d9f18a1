package org.kybern.apiserver.internal.security;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Kybern API server TLS",
        description = "The certificate the API server serves HTTPS with. By default Kybern makes a CA and a serving "
                + "certificate at first start under ${karaf.data}/kybern/pki and keeps them.")
public @interface ServingCertificateConfig {

    @AttributeDefinition(name = "Certificate file", required = false,
            description = "A PEM certificate (chain, leaf first) to serve instead of Kybern's own serving certificate. "
                    + "Clients must then trust its issuer; Kybern's ca.crt does not sign it.")
    String certFile() default "";

    @AttributeDefinition(name = "Key file", required = false,
            description = "The unencrypted PEM private key (PKCS#8, PKCS#1 or SEC1) of the certificate file.")
    String keyFile() default "";
}
