package org.kybern.apiserver.internal.rest;

/**
 * Where services get their addresses: the cluster IP range (Kubernetes' {@code
 * --service-cluster-ip-range}) and the node port range ({@code --service-node-port-range}).
 *
 * @param cidr    the IPv4 range as written, e.g. {@code 10.96.0.0/12}
 * @param network its first address as an unsigned 32-bit number
 * @param size    how many addresses it spans
 * @param minPort lowest node port
 * @param maxPort highest node port
 */
public record ServiceRanges(String cidr, long network, long size, int minPort, int maxPort) {

    public static final ServiceRanges DEFAULT = parse("10.96.0.0/12", "30000-32767");

    /**
     * Reads a range pair; {@link IllegalArgumentException} saying what is wrong. As in Kubernetes an
     * IPv4 range may span at most a /12 and at least a /30 (two usable addresses).
     */
    public static ServiceRanges parse(String cidr, String ports) {
        String[] parts = cidr.trim().split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("the service cluster IP range must be an IPv4 CIDR such as 10.96.0.0/12, "
                    + "not " + cidr);
        }
        long address = ipv4(parts[0]);
        if (address < 0) {
            throw new IllegalArgumentException("the service cluster IP range must be IPv4: " + cidr);
        }
        int prefix;
        try {
            prefix = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix length in the service cluster IP range " + cidr);
        }
        if (prefix < 12 || prefix > 30) {
            throw new IllegalArgumentException("the service cluster IP range " + cidr + " must have a prefix length "
                    + "from 12 to 30");
        }
        long size = 1L << (32 - prefix);
        long network = address & ~(size - 1) & 0xFFFFFFFFL;
        String[] bounds = ports.trim().split("-");
        int min;
        int max;
        try {
            min = Integer.parseInt(bounds[0].trim());
            max = bounds.length == 2 ? Integer.parseInt(bounds[1].trim()) : -1;
        } catch (NumberFormatException e) {
            max = -1;
            min = 0;
        }
        if (bounds.length != 2 || min < 1 || max > 65535 || min > max) {
            throw new IllegalArgumentException("the service node port range must be like 30000-32767, not " + ports);
        }
        return new ServiceRanges(format(network) + "/" + prefix, network, size, min, max);
    }

    /** How many addresses services may have: all but the network and broadcast addresses. */
    long usableAddresses() {
        return size - 2;
    }

    /** The {@code index}-th usable address; index 0 is the {@code kubernetes} service's. */
    String address(long index) {
        return format(network + 1 + index);
    }

    /** The usable index of {@code ip}, or -1 when it is outside the range (or its network or broadcast address). */
    long indexOf(String ip) {
        long value = ipv4(ip);
        long index = value - network - 1;
        return value < 0 || index < 0 || index >= usableAddresses() ? -1 : index;
    }

    /** Whether {@code ip} is an IPv4 address at all. */
    static boolean isIpv4(String ip) {
        return ipv4(ip) >= 0;
    }

    private static long ipv4(String text) {
        String[] octets = text.trim().split("\\.", -1);
        if (octets.length != 4) {
            return -1;
        }
        long value = 0;
        for (String octet : octets) {
            if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(Character::isDigit)) {
                return -1;
            }
            int n = Integer.parseInt(octet);
            if (n > 255) {
                return -1;
            }
            value = value << 8 | n;
        }
        return value;
    }

    private static String format(long value) {
        return (value >> 24 & 255) + "." + (value >> 16 & 255) + "." + (value >> 8 & 255) + "." + (value & 255);
    }
}
