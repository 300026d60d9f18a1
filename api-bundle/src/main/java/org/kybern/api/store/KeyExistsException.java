package org.kybern.api.store;

/** {@link Store#create} found the key already present. */
public class KeyExistsException extends StoreException {

    private static final long serialVersionUID = 1L;

    public KeyExistsException(String key) {
        super("key already exists: " + key);
    }
}
