package org.shelters.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class PartnerSheltersFileTest {

    @TempDir Path dir;

    @Test
    void writesWhatTheIdentityServerReadsInOneStepAndOnlyWhenItChanges() throws Exception {
        Path identity = dir.resolve("identity");
        PartnerSheltersFile file = new PartnerSheltersFile(identity);

        file.publish(Map.of("partner-2", List.of("s-2"), "partner-1", List.of("s-1")));
        assertThat(JsonMapper.builder().build().readValue(Files.readString(file.file()), Map.class))
                .isEqualTo(Map.of("partner-1", List.of("s-1"), "partner-2", List.of("s-2")));
        Object first = Files.readAttributes(file.file(), BasicFileAttributes.class).fileKey();

        file.publish(Map.of("partner-1", List.of("s-1"), "partner-2", List.of("s-2")));
        assertThat(Files.readAttributes(file.file(), BasicFileAttributes.class).fileKey()).as("unchanged: not rewritten").isEqualTo(first);

        file.publish(Map.of("partner-1", List.of("s-3")));
        assertThat(Files.readString(file.file())).contains("s-3").doesNotContain("s-1");
        try (var files = Files.list(identity)) {
            assertThat(files).as("no temporary file left behind").containsExactly(file.file());
        }
    }
}
