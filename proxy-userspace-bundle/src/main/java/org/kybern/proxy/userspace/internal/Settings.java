package org.kybern.proxy.userspace.internal;

/**
 * The userspace backend's settings, from its {@link UserspaceConfig} (tests build them directly).
 *
 * @param device                the device ClusterIPs are added to
 * @param ipCommand             iproute2's {@code ip}
 * @param drainSeconds          how long open connections may go on after {@code cleanUp}
 * @param udpIdleSeconds        idle time after which a UDP session ends
 * @param connectTimeoutSeconds connect time allowed per endpoint
 * @param bufferBytes           relay buffer per direction of a connection
 */
record Settings(String device, String ipCommand, int drainSeconds, int udpIdleSeconds, int connectTimeoutSeconds,
        int bufferBytes) {

    static Settings of(UserspaceConfig config) {
        return new Settings(config.device(), config.ipCommand(), config.drainSeconds(), config.udpIdleSeconds(),
                config.connectTimeoutSeconds(), config.bufferKiB() * 1024);
    }
}
