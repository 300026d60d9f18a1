package org.kybern.proxy.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.kybern.api.proxy.ProxyBackend;

/**
 * Chooses the backend a configured mode stands for among the registered ones: {@code auto} is the
 * first usable {@code nftables} backend, else the first usable {@code userspace} one; any other mode
 * the first usable backend of that {@link ProxyBackend#MODE}. A backend that gives an
 * {@link ProxyBackend#unusableReason()} is never chosen.
 */
final class ProxyMode {

    static final String AUTO = "auto";
    static final String NFTABLES = "nftables";
    static final String USERSPACE = "userspace";
    private static final List<String> AUTO_ORDER = List.of(NFTABLES, USERSPACE);

    private ProxyMode() {
    }

    /** A registered backend with the mode it was registered with. */
    record Registered(String mode, ProxyBackend backend) {

        /** Why the backend cannot run, or null; a backend throwing is unusable for that reason. */
        String unusableReason() {
            try {
                return backend.unusableReason();
            } catch (RuntimeException e) {
                return "unusableReason() failed: " + e;
            }
        }
    }

    /** The backend chosen ({@code null} if none fits) and why, in words for the log and the console. */
    record Choice(Registered chosen, String reason) {
    }

    /** {@code mode} stripped and lower case; empty means {@value #AUTO}. */
    static String normalize(String mode) {
        String m = mode == null ? "" : mode.strip().toLowerCase(Locale.ROOT);
        return m.isEmpty() ? AUTO : m;
    }

    /** The backend {@code mode} picks among {@code registered} (in registration order). */
    static Choice choose(String mode, List<Registered> registered) {
        List<String> candidates = AUTO.equals(mode) ? AUTO_ORDER : List.of(mode);
        List<String> refused = new ArrayList<>();
        for (String candidate : candidates) {
            for (Registered r : registered) {
                if (r.mode().equals(candidate)) {
                    String unusable = r.unusableReason();
                    if (unusable == null) {
                        String why = refused.isEmpty() ? "" : " (" + String.join("; ", refused) + ")";
                        return new Choice(r, AUTO.equals(mode) ? "mode auto chose " + candidate + why
                                : "mode " + mode + " configured");
                    }
                    refused.add(candidate + " is unusable: " + unusable);
                }
            }
            if (refused.stream().noneMatch(s -> s.startsWith(candidate + " "))) {
                refused.add(candidate + " is not registered");
            }
        }
        return new Choice(null, "mode " + mode + ": no usable backend (" + String.join("; ", refused) + ")");
    }
}
