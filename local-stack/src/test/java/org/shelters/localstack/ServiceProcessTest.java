package org.shelters.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a child JVM leaves on the console and in its log file. */
class ServiceProcessTest {

    @TempDir
    Path dir;

    @Test
    void colourCodesAndCarriageReturnsNeverReachALogOrTheConsole() {
        String coloured = "\u001B[2m2026-12-01T21:25:11.500Z\u001B[0;39m \u001B[32m INFO\u001B[0;39m \u001B[35m9779\u001B[0;39m started\r";

        assertThat(ServiceProcess.plain(coloured)).isEqualTo("2026-12-01T21:25:11.500Z  INFO 9779 started");
        assertThat(ServiceProcess.plain("no codes here")).isEqualTo("no codes here");
    }

    @Test
    void aChildThatDiesBeforeItIsReadyIsReportedWithItsLastLinesAndItsLogFile() throws Exception {
        Path notAJar = Files.writeString(dir.resolve("broken-service.jar"), "not a jar");
        Path logs = dir.resolve("logs");
        Files.createDirectories(logs);
        Files.writeString(logs.resolve("broken-service.log"), "the previous start\n");
        ServiceProcess broken = new ServiceProcess("broken-service", freePort(), notAJar, Map.of(), logs);
        try {
            broken.start(true);

            assertThatThrownBy(() -> broken.awaitHealthy(Duration.ofSeconds(60)))
                    .hasMessageContaining("broken-service exited with code 1 before it was healthy")
                    .hasMessageContaining("jarfile")
                    .hasMessageContaining(logs.resolve("broken-service.log").toString());
        } finally {
            broken.stop();
        }
        assertThat(Files.readString(logs.resolve("broken-service.log"))).startsWith("=== broken-service started")
                .contains("jarfile").doesNotContain("the previous start");
        assertThat(Files.readString(logs.resolve("broken-service.log.1"))).isEqualTo("the previous start\n");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
