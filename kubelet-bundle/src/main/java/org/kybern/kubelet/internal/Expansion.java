package org.kybern.kubelet.internal;

import java.util.function.Function;

/**
 * Kubernetes' {@code $(VAR)} expansion (third_party/forked/golang/expansion): {@code $(NAME)} becomes
 * the variable's value when it is defined and stays as written when not; {@code $$} is an escaped
 * {@code $}; anything else is left alone.
 */
final class Expansion {

    private Expansion() {
    }

    /** @param lookup a variable's value, or {@code null} if undefined */
    static String expand(String input, Function<String, String> lookup) {
        StringBuilder out = new StringBuilder();
        int checkpoint = 0;
        for (int cursor = 0; cursor < input.length(); cursor++) {
            if (input.charAt(cursor) != '$' || cursor + 1 >= input.length()) {
                continue;
            }
            out.append(input, checkpoint, cursor);
            char next = input.charAt(cursor + 1);
            int advance = 1;
            if (next == '$') {
                out.append('$');
            } else if (next == '(') {
                int close = input.indexOf(')', cursor + 2);
                if (close < 0) {
                    out.append("$(");
                } else {
                    String name = input.substring(cursor + 2, close);
                    String value = lookup.apply(name);
                    out.append(value != null ? value : "$(" + name + ")");
                    advance = close - cursor;
                }
            } else {
                out.append('$').append(next);
            }
            cursor += advance;
            checkpoint = cursor + 1;
        }
        out.append(input, Math.min(checkpoint, input.length()), input.length());
        return out.toString();
    }
}
