package org.kybern.api.runtime;

import java.util.List;

/**
 * A locally present image.
 *
 * @param id        the image id (content digest)
 * @param tags      the references that name it
 * @param sizeBytes its size on disk
 */
public record ImageInfo(String id, List<String> tags, long sizeBytes) {

    public ImageInfo {
        tags = List.copyOf(tags);
    }
}
