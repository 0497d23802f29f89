package org.shelters.platform;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.shelters.events.EventEnvelope;
import org.shelters.events.EventPayload;
import org.shelters.events.Topic;
import org.shelters.events.Topics;
import org.shelters.platform.consumer.EventHandler;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A minimal service for exercising the plumbing: it stores shelters and listens to shelters.v1. */
@SpringBootApplication
public class PlumbingTestApplication {

    @Bean
    RecordingHandler recordingHandler() {
        return new RecordingHandler();
    }

    /** Records every event it is handed; fails on demand for one subject to exercise retries. */
    public static class RecordingHandler implements EventHandler {
        final List<EventEnvelope<EventPayload>> handled = new CopyOnWriteArrayList<>();
        volatile String alwaysFailFor;

        @Override
        public Set<Topic<?>> topics() {
            return Set.of(Topics.SHELTERS);
        }

        @Override
        public void handle(EventEnvelope<EventPayload> event) {
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
