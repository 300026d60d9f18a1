package org.kybern.client.internal;

import java.io.IOException;
import java.net.ConnectException;
import org.apache.felix.http.jetty.ConnectorFactory;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.osgi.service.component.annotations.Component;

/**
 * Adds an {@link InProcessConnector} to this Karaf's HTTP server (Felix's Jetty asks every
 * {@link ConnectorFactory} service for a connector when its server starts, again on each restart) and
 * connects the API clients of this Karaf to the newest one.
 */
@Component(service = {ConnectorFactory.class, InProcessConnectorFactory.class})
public final class InProcessConnectorFactory implements ConnectorFactory {

    private volatile InProcessConnector current;

    @Override
    public Connector createConnector(Server server) {
        InProcessConnector connector = new InProcessConnector(server);
        current = connector;
        return connector;
    }

    /**
     * A new connection to this Karaf's HTTP server, its client end.
     *
     * @throws ConnectException when the server has not started or is restarting, as a closed port would
     */
    EndPoint connect() throws IOException {
        InProcessConnector connector = current;
        if (connector == null) {
            throw new ConnectException("this Karaf's HTTP server has not started (no in-process connector yet)");
        }
        try {
            return connector.connect();
        } catch (IllegalStateException e) {
            throw new ConnectException(e.getMessage());
        }
    }
}
