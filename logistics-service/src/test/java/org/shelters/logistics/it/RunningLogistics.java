package org.shelters.logistics.it;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What every HTTP-level test of logistics starts from: the running service, and a fresh agreement and shelter id. */
abstract class RunningLogistics {

    @LocalServerPort
    int port;

    LogisticsHarness api;
    String agreementId;
    String shelterId;

    @BeforeEach
    void startFresh() {
        api = new LogisticsHarness(port);
        agreementId = "agr-" + UUID.randomUUID();
        shelterId = "shelter-" + UUID.randomUUID();
    }
}
