package org.kybern.proxy.userspace.internal;

/**
 * The userspace backend's settings, from its {@link UserspaceConfig} (tests build them directly).
 *
 * @param device                the device ClusterIPs are added to
 * @param ipCommand             iproute2's {@code ip}
 * @param drainSeconds          how long open connections may go on after {@code cleanUp}
 * @param udpIdleSeconds        idle time after which a UDP session ends
 * @param connectTimeoutSeconds connect time allowed per endpoint
 * @param bufferBytes           relay buffer each direction of a connection starts with
 * @param bulkBufferBytes       relay buffer of a direction whose reads fill its first one
 * @param bulkBuffers           how many bulk buffers may be in use at once
 */
record Settings(String device, String ipCommand, int drainSeconds, int udpIdleSeconds, int connectTimeoutSeconds,
        int bufferBytes, int bulkBufferBytes, int bulkBuffers) {

    static Settings of(UserspaceConfig config) {
        return new Settings(config.device(), config.ipCommand(), config.drainSeconds(), config.udpIdleSeconds(),
                config.connectTimeoutSeconds(), config.bufferKiB() * 1024, config.bulkBufferKiB() * 1024,
                config.bulkBuffers());
    }
}
