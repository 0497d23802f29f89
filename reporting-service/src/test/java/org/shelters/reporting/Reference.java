package org.shelters.reporting;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The shared reference folder ({@code ../shared/reference} beside the repository) that standard
 * checks read: the HXL default schema, the IATI 2.03 XSDs, the code lists. A test that needs it
 * is skipped, saying why, where the folder is absent (a clone on its own).
 */
final class Reference {

    private Reference() {
    }

    /** {@code reference/<relative>}, or the test is skipped with the reason. */
    static Path file(String relative) {
        Path found = Stream.of(Path.of("..", "shared", "reference"), Path.of("..", "..", "shared", "reference"))
                .map(p -> p.resolve(relative).toAbsolutePath().normalize()).filter(Files::exists).findFirst().orElse(null);
        assumeTrue(found != null, "skipped: ../shared/reference/" + relative
                + " is absent (the shared reference folder beside the repository); this check needs it");
        return found;
    }
}
