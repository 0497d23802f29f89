package org.shelters.platform;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.util.List;
import org.shelters.events.shelters.Corridor;
import org.shelters.events.shelters.ShelterRegistered;
import org.shelters.platform.context.Ids;
import org.shelters.platform.domain.Refusal;
import org.shelters.platform.outbox.AggregateStore;
import org.shelters.platform.outbox.Stored;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A command endpoint for exercising the web plumbing (problem+json, Idempotency-Key, ETag). */
@RestController
class TestShelterController {

    record RegisterShelter(@NotBlank String name, @NotBlank String state, @Min(1) int capacity, Corridor corridor,
                           java.math.BigDecimal budget, java.time.LocalDate openedOn, Boolean demo,
                           java.time.Instant reviewedAt) {
    }

    record ShelterView(String id, String name, String state, int capacity) {
    }

    private final AggregateStore store;

    TestShelterController(AggregateStore store) {
        this.store = store;
    }

    @PostMapping("/api/test-shelters")
    ResponseEntity<ShelterView> register(@Valid @RequestBody RegisterShelter command) {
        String id = Ids.next();
        Stored<OutboxAndConsumerIT.ShelterState> stored = store.create("shelters", id,
                new OutboxAndConsumerIT.ShelterState(command.name(), command.state(), command.capacity()),
                List.of(new ShelterRegistered(id, command.name(), command.state(), "Ixtepec",
                        command.corridor() == null ? Corridor.SOUTHERN_BORDER : command.corridor(),
                        command.capacity(), List.of(), true)));
        return ResponseEntity.created(URI.create("/api/test-shelters/" + id)).eTag(stored.etag())
                .body(new ShelterView(id, command.name(), command.state(), command.capacity()));
    }

    /** A bug on our side, with internal detail in its message that must not reach the client. */
    @PostMapping("/api/test-shelters/{id}/explode")
    ResponseEntity<Void> explode(@PathVariable String id) {
        throw new IllegalStateException("internal: connection pool of org.shelters.Secret exhausted for " + id);
    }

    private static final java.util.Set<String> REFUSED_ONCE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Answers 409 "retry" the first time for a token (a lost race), then succeeds. */
    @PostMapping("/api/test-shelters/conflict-once/{token}")
    ResponseEntity<java.util.Map<String, String>> conflictOnce(@PathVariable String token) {
        if (REFUSED_ONCE.add(token)) {
            throw Refusal.conflict("version-conflict", "lost a race; reload and retry");
        }
        return ResponseEntity.ok(java.util.Map.of("token", token));
    }

    /** A rule refusal from deep inside a service, rendered by the one advice. */
    @PostMapping("/api/test-shelters/{id}/close")
    ResponseEntity<Void> close(@PathVariable String id) {
        throw Refusal.rule("shelter-has-open-agreements", "id", "shelter " + id + " still has agreements in force");
    }

    @GetMapping("/api/test-shelters/{id}")
    ResponseEntity<ShelterView> get(@PathVariable String id) {
        Stored<OutboxAndConsumerIT.ShelterState> stored = store.get("shelters", id, OutboxAndConsumerIT.ShelterState.class);
        return ResponseEntity.ok().eTag(stored.etag()).body(new ShelterView(id, stored.state().name(), stored.state().state(),
                stored.state().capacity()));
    }
}
