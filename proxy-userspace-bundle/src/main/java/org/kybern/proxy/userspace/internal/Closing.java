package org.kybern.proxy.userspace.internal;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closes channels and sockets where a failure to close changes nothing. */
final class Closing {

    private static final Logger LOG = LoggerFactory.getLogger(Closing.class);

    private Closing() {
    }

    static void quietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException e) {
            LOG.trace("Close failed", e);
        } catch (Exception e) {
            LOG.debug("Close failed", e);
        }
    }
}
