package org.kybern.api.runtime;

/**
 * Credentials for pulling from a registry (from a pod's imagePullSecrets).
 *
 * @param server   the registry host
 * @param username user name
 * @param password password or token
 */
public record RegistryAuth(String server, String username, String password) {

    @Override
    public String toString() {
        return "RegistryAuth[" + server + ", " + username + ", ****]";
    }
}
