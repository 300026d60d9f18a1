package org.kybern.apiserver.internal.schema;

/** Go's {@code time.Duration.String()}, which is how Kubernetes writes a {@code metav1.Duration} in JSON. */
final class GoDuration {

    private static final long MICROSECOND = 1_000L;
    private static final long MILLISECOND = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;

    private GoDuration() {
    }

    /** E.g. 90 s → {@code 1m30s}, 1.5 ms → {@code 1.5ms}, 0 → {@code 0s}. */
    static String format(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        long n = Math.abs(nanos);
        if (n < MICROSECOND) {
            return sign + n + "ns";
        }
        if (n < MILLISECOND) {
            return sign + decimal(n, 3) + "µs";
        }
        if (n < SECOND) {
            return sign + decimal(n, 6) + "ms";
        }
        long hours = n / HOUR;
        long minutes = n / MINUTE % 60;
        return sign + (hours > 0 ? hours + "h" : "") + (hours > 0 || minutes > 0 ? minutes + "m" : "")
                + decimal(n % MINUTE, 9) + "s";
    }

    /** {@code value / 10^digits} with the fraction's trailing zeros dropped. */
    private static String decimal(long value, int digits) {
        long unit = (long) Math.pow(10, digits);
        long fraction = value % unit;
        if (fraction == 0) {
            return Long.toString(value / unit);
        }
        return value / unit + "." + String.format("%0" + digits + "d", fraction).replaceAll("0+$", "");
    }
}
