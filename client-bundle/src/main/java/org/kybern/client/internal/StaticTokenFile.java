package org.kybern.client.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kubernetes' static token file ({@code --token-auth-file}): one CSV line per token,
 * {@code token,user,uid,"group1,group2"}. The format has four fields and one quoting rule, so a
 * few lines here replace a CSV library in the bundle.
 */
final class StaticTokenFile {

    private StaticTokenFile() {
    }

    /** The token of {@code user}'s first line, or empty if the file is missing or has no such line. */
    static Optional<String> tokenOf(Path file, String user) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            List<String> fields = fields(line);
            if (fields.size() >= 2 && fields.get(1).equals(user) && !fields.get(0).isEmpty()) {
                return Optional.of(fields.get(0));
            }
        }
        return Optional.empty();
    }

    /** A line's fields: comma-separated, a field in double quotes may hold commas ({@code ""} is a quote). */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        if (line.isBlank() || line.stripLeading().startsWith("#")) {
            return fields;
        }
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString().strip());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString().strip());
        return fields;
    }
}
