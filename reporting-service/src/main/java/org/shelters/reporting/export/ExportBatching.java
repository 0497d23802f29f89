package org.shelters.reporting.export;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * How the exports read the programme, under {@code reporting.export.*}.
 *
 * @param batchSize how many shelters an export reads (with all their documents) at a time; the
 *                  rows of a batch are written and flushed to the client before the next is read
 *                  (default 100)
 */
@ConfigurationProperties("reporting.export")
public record ExportBatching(Integer batchSize) {

    @ConstructorBinding
    public ExportBatching {
        batchSize = batchSize == null ? 100 : batchSize;
        if (batchSize < 1) {
            throw new IllegalArgumentException("reporting.export.batch-size must be at least 1, not " + batchSize);
        }
    }
}
