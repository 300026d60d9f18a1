package org.kybern.api.store;

import org.osgi.annotation.versioning.ProviderType;

/** A running watch; closing it stops delivery. Closing twice is harmless. */
@ProviderType
public interface Watch extends AutoCloseable {

    @Override
    void close();
}
