package org.kybern.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * Kubernetes resource quantities ({@code 100m}, {@code 128Mi}, {@code 4}, {@code 1.5G}) as numbers,
 * for the benchmark's own placement check: written apart from the scheduler's arithmetic, so the
 * check does not share its mistakes.
 */
final class Quantities {

    /** Suffixes, longest first where one is the start of another ({@code Mi} before {@code M}). */
    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("Ki", BigDecimal.valueOf(1L << 10)), Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
            Map.entry("Gi", BigDecimal.valueOf(1L << 30)), Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
            Map.entry("Pi", BigDecimal.valueOf(1L << 50)), Map.entry("Ei", BigDecimal.valueOf(1L << 60)),
            Map.entry("m", new BigDecimal("0.001")), Map.entry("k", BigDecimal.valueOf(1_000L)),
            Map.entry("M", BigDecimal.valueOf(1_000_000L)), Map.entry("G", BigDecimal.valueOf(1_000_000_000L)),
            Map.entry("T", new BigDecimal("1e12")), Map.entry("P", new BigDecimal("1e15")),
            Map.entry("E", new BigDecimal("1e18")));

    private Quantities() {
    }

    /** The quantity's value in its base unit (cores, bytes, pods). */
    static BigDecimal parse(String quantity) {
        String q = quantity.trim();
        for (int length = 2; length >= 1; length--) {
            if (q.length() > length) {
                BigDecimal factor = SUFFIXES.get(q.substring(q.length() - length));
                if (factor != null) {
                    return number(q.substring(0, q.length() - length), quantity).multiply(factor);
                }
            }
        }
        return number(q, quantity);
    }

    /** A cpu quantity in millicores, rounded up as Kubernetes does. */
    static long milliCpu(String quantity) {
        return parse(quantity).movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /** A quantity of bytes (or of anything counted in whole units), rounded up. */
    static long whole(String quantity) {
        return parse(quantity).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    private static BigDecimal number(String digits, String quantity) {
        if (digits.isEmpty() || !digits.matches("[+-]?[0-9]*\\.?[0-9]+")) {
            throw new IllegalArgumentException("not a quantity: '" + quantity + "'");
        }
        return new BigDecimal(digits);
    }
}
