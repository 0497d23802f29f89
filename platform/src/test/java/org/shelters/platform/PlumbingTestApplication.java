package org.shelters.platform;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.shelters.events.EventEnvelope;
import org.shelters.events.Topic;
import org.shelters.events.Topics;
import org.shelters.events.Upcaster;
import tools.jackson.databind.node.ObjectNode;
import org.shelters.events.shelters.ShelterEvent;
import org.shelters.platform.consumer.EventHandler;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A minimal service for exercising the plumbing: it stores shelters and listens to shelters.v1. */
@SpringBootApplication
public class PlumbingTestApplication {

    /** The test service's endpoints are for any signed-in caller; SecurityIT checks the chain itself. */
    @Bean
    org.shelters.platform.security.AccessRules accessRules() {
        return org.shelters.platform.security.AccessRules.builder()
                .allow(org.springframework.http.HttpMethod.POST, "/api/test-shelters/*/close",
                        org.shelters.platform.security.Role.PROGRAMME_OFFICER)
                .authenticated(null, "/api/**")
                .build();
    }

    @Bean
    RecordingHandler recordingHandler() {
        return new RecordingHandler();
    }

    /** Stands for a service's upcaster of a future version: the platform must wire it into the one reader. */
    @Bean
    Upcaster exampleUpcaster() {
        return new Upcaster() {
            @Override
            public String type() {
                return "ShelterRegistered";
            }

            @Override
            public int fromVersion() {
                return 1;
            }

            @Override
            public ObjectNode upcast(ObjectNode data) {
                return data;
            }
        };
    }

    /** Records every event it is handed; fails on demand for one subject to exercise retries. */
    public static class RecordingHandler implements EventHandler<ShelterEvent> {
        final List<EventEnvelope<ShelterEvent>> handled = new CopyOnWriteArrayList<>();
        volatile String alwaysFailFor;

        @Override
        public Topic<ShelterEvent> topic() {
            return Topics.SHELTERS;
        }

        @Override
        public void handle(EventEnvelope<ShelterEvent> event) {
            if (event.subject().equals(alwaysFailFor)) {
                throw new IllegalStateException("simulated failure for " + event.subject());
            }
            handled.add(event);
        }

        long timesHandled(String subject) {
            return handled.stream().filter(e -> e.subject().equals(subject)).count();
        }
    }
}
