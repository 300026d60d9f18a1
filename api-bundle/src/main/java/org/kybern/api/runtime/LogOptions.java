package org.kybern.api.runtime;

import java.time.Instant;

/**
 * Which part of a container's output to read.
 *
 * @param follow     keep streaming until the container exits or the stream is closed
 * @param tailLines  only the last lines, or {@code -1} for all
 * @param since      only output after this instant, or {@code null}
 * @param timestamps prefix each line with its timestamp
 */
public record LogOptions(boolean follow, int tailLines, Instant since, boolean timestamps) {

    /** Everything, once. */
    public static LogOptions all() {
        return new LogOptions(false, -1, null, false);
    }
}
