package org.kybern.apiserver.internal.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Kubernetes' static token file ({@code kube-apiserver --token-auth-file}): one CSV record per
 * token, {@code token,user,uid[,"group1,group2"]}, read the way Kubernetes reads it (RFC 4180
 * quoting, at least three columns, empty tokens skipped, the last of duplicate tokens wins).
 */
public final class TokenFile {

    public static final String FILE_NAME = "tokens.csv";
    public static final String ADMIN = "kybern-admin";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Who a token authenticates. */
    public record User(String name, String uid, List<String> groups) {
    }

    private record Entry(byte[] tokenDigest, User user) {
    }

    private final List<Entry> entries;

    private TokenFile(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Parses a token file.
     *
     * @throws IllegalArgumentException naming the line of a record with fewer than three columns or broken quoting
     */
    public static TokenFile parse(String csv) {
        List<Entry> entries = new ArrayList<>();
        List<List<String>> records = Csv.parse(csv);
        for (int i = 0; i < records.size(); i++) {
            List<String> record = records.get(i);
            if (record.size() < 3) {
                throw new IllegalArgumentException("record " + (i + 1) + " has " + record.size()
                        + " columns; a token file needs at least three (token, user name, user uid)");
            }
            if (record.get(0).isEmpty()) {
                continue;
            }
            List<String> groups = record.size() >= 4 && !record.get(3).isEmpty()
                    ? List.of(record.get(3).split(",", -1)) : List.of();
            byte[] digest = sha256(record.get(0));
            entries.removeIf(e -> MessageDigest.isEqual(e.tokenDigest(), digest));
            entries.add(new Entry(digest, new User(record.get(1), record.get(2), groups)));
        }
        return new TokenFile(entries);
    }

    /**
     * The user a bearer token belongs to. Every entry is compared, each in constant time, so how
     * long the answer takes says nothing about how close a guess was.
     */
    public Optional<User> authenticate(String token) {
        byte[] digest = sha256(token);
        User found = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(e.tokenDigest(), digest)) {
                found = e.user();
            }
        }
        return Optional.ofNullable(found);
    }

    /** The token of {@code user}'s last record in the token file {@code csv}, if any. */
    public static Optional<String> rawTokenOf(String csv, String user) {
        String token = null;
        for (List<String> record : Csv.parse(csv)) {
            if (record.size() >= 3 && !record.get(0).isEmpty() && record.get(1).equals(user)) {
                token = record.get(0);
            }
        }
        return Optional.ofNullable(token);
    }

    /** Number of tokens. */
    public int size() {
        return entries.size();
    }

    /**
     * A new token file for Kybern's own users: the administrator (group {@code system:masters}),
     * the control-plane components, and the node agent of this host ({@code system:node:<host>}
     * in {@code system:nodes}), each with a fresh random token.
     */
    public static String generate(String nodeName) {
        StringBuilder csv = new StringBuilder();
        csv.append(record(ADMIN, "system:masters"));
        csv.append(record("system:kube-scheduler", null));
        csv.append(record("system:kube-controller-manager", null));
        csv.append(record("system:kube-proxy", null));
        csv.append(record("system:node:" + nodeName, "system:nodes"));
        return csv.toString();
    }

    /** 32 random bytes, base64url without padding (43 characters, never a comma or a quote). */
    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String record(String user, String groups) {
        String line = newToken() + "," + user + "," + UUID.randomUUID();
        return (groups == null ? line : line + ",\"" + groups + "\"") + "\n";
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The CSV Go's encoding/csv reads: comma-separated, double quotes around a field, "" inside quotes. */
    static final class Csv {

        private Csv() {
        }

        static List<List<String>> parse(String text) {
            List<List<String>> records = new ArrayList<>();
            List<String> record = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean fieldStarted = false;
            int line = 1;
            int i = text.startsWith("\uFEFF") ? 1 : 0;
            for (; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            quoted = false;
                            char next = i + 1 < text.length() ? text.charAt(i + 1) : '\n';
                            if (next != ',' && next != '\n' && next != '\r') {
                                throw new IllegalArgumentException("line " + line + ": extraneous text after a quoted field");
                            }
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        field.append(c);
                    }
                } else if (c == '"' && field.length() == 0) {
                    quoted = true;
                    fieldStarted = true;
                } else if (c == '"') {
                    throw new IllegalArgumentException("line " + line + ": a quote inside an unquoted field");
                } else if (c == ',') {
                    record.add(field.toString());
                    field.setLength(0);
                    fieldStarted = true;
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    if (fieldStarted || field.length() > 0 || !record.isEmpty()) {
                        record.add(field.toString());
                        records.add(record);
                    }
                    record = new ArrayList<>();
                    field.setLength(0);
                    fieldStarted = false;
                    line++;
                } else {
                    field.append(c);
                    fieldStarted = true;
                }
            }
            if (quoted) {
                throw new IllegalArgumentException("line " + line + ": a quoted field is not closed");
            }
            if (fieldStarted || field.length() > 0 || !record.isEmpty()) {
                record.add(field.toString());
                records.add(record);
            }
            return records;
        }
    }
}
