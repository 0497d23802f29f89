package org.shelters.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TestInfrastructureSwitchTest {

    @Test
    void explicitModesAreTakenAsGiven() {
        assertThat(TestInfrastructure.resolveMode("embedded")).isEqualTo("embedded");
        assertThat(TestInfrastructure.resolveMode(" Docker ")).isEqualTo("docker");
    }

    @Test
    void autoPicksEmbeddedWhenNoDockerEngineAnswers() {
        boolean dockerSocket = java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))
                || System.getenv("DOCKER_HOST") != null;
        org.junit.jupiter.api.Assumptions.assumeFalse(dockerSocket, "a Docker engine may answer here");
        assertThat(TestInfrastructure.resolveMode("auto")).isEqualTo("embedded");
    }

    @Test
    void anUnknownModeIsRefusedWithTheAllowedValues() {
        assertThatThrownBy(() -> TestInfrastructure.resolveMode("kubernetes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("auto, docker or embedded");
    }
}
