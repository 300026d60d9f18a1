package org.kybern.proxy.nftables.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client addresses the ClientIP-affinity sets of a programmed table remember, read from
 * {@code nft list table}, so that replacing the table keeps every client on its endpoint. nft prints
 * each element with its remaining lifetime ({@code 192.0.2.2 timeout 1m expires 49s880ms}), and takes
 * that text back as is.
 */
final class AffinityMemory {

    /** An affinity set with elements: its name, then the text between {@code elements = {} and {@code }}. */
    private static final Pattern SET = Pattern.compile("set (aff-\\S+) \\{[^}]*?elements = \\{([^}]*)}");

    private AffinityMemory() {
    }

    /** The elements of each affinity set in {@code listing} (nft's text), by set name, on one line. */
    static Map<String, String> parse(String listing) {
        Map<String, String> elements = new HashMap<>();
        Matcher matcher = SET.matcher(listing);
        while (matcher.find()) {
            elements.put(matcher.group(1), matcher.group(2).strip().replaceAll("\\s+", " "));
        }
        return elements;
    }
}
