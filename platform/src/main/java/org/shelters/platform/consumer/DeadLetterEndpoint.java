package org.shelters.platform.consumer;

import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code GET /actuator/deadletters}: the events this service dead-lettered and has not applied
 * since; {@code POST /actuator/deadletters}: re-drive them (see {@link DeadLetterRedrive}). Like the
 * outbox endpoint it is opt-in ({@code management.endpoints.web.exposure.include}) until callers
 * are authenticated.
 */
@Endpoint(id = "deadletters")
public class DeadLetterEndpoint {

    private final DeadLetterRedrive redrive;

    public DeadLetterEndpoint(DeadLetterRedrive redrive) {
        this.redrive = redrive;
    }

    @ReadOperation
    public Map<String, Object> pending() {
        return Map.of("topics", redrive.topics(), "deadLettered", redrive.pending());
    }

    @WriteOperation
    public DeadLetterRedrive.Outcome redrive() {
        return redrive.redrive();
    }
}
