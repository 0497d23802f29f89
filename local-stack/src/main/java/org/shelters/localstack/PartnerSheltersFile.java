package org.shelters.localstack;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.shelters.localstack.demo.PartnerDirectory;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes {@code partner-shelters.json} into the identity server's data folder, the file it reads
 * (when its modification time changes) each time it issues a token: {@code {"partner-1":
 * ["<shelterId>"], ...}}. Written to a temporary file and moved into place, so the server never
 * reads half a file, and only when the content changes.
 */
final class PartnerSheltersFile implements PartnerDirectory {

    static final String FILE = "partner-shelters.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path identityDataDir;

    PartnerSheltersFile(Path identityDataDir) {
        this.identityDataDir = identityDataDir;
    }

    Path file() {
        return identityDataDir.resolve(FILE);
    }

    @Override
    public void publish(Map<String, List<String>> sheltersByPartner) throws IOException {
        String content = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(new TreeMap<>(sheltersByPartner)) + "\n";
        if (Files.exists(file()) && Files.readString(file()).equals(content)) {
            return;
        }
        Files.createDirectories(identityDataDir);
        Path tmp = Files.createTempFile(identityDataDir, "." + FILE + ".", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the folder's own ACL applies
            }
            Files.writeString(tmp, content);
            try {
                Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        LoggerFactory.getLogger(PartnerSheltersFile.class).info("demo partner shelters written to {}: {}", file(), sheltersByPartner);
    }
}
