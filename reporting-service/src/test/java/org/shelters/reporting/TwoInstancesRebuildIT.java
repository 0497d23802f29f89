package org.shelters.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.shelters.reporting.Programme.id;
import static org.shelters.reporting.Programme.shelter;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.shelters.events.shelters.Corridor;
import org.shelters.platform.domain.Refusal;
import org.shelters.reporting.projection.Generations;
import org.shelters.reporting.rebuild.RebuildService;
import org.shelters.testsupport.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Two reporting instances on one store and one consumer group, as a scaled-out deployment runs
 * them: a rebuild started on the second while events keep arriving leaves both instances on the
 * new generation with no event missing from it, and a second rebuild cannot start on either
 * instance while the first runs.
 */
class TwoInstancesRebuildIT extends ReportingIT {

    @Autowired
    Environment environment;
    @Autowired
    Generations generations;
    @Autowired
    RebuildService rebuild;

    @Test
    void aRebuildOnOneInstanceWhileEventsFlowLeavesBothOnTheNewGenerationWithEverything() throws Exception {
        // command-line arguments: they outrank application.yml, as a deployment's environment would
        List<String> arguments = new java.util.ArrayList<>(List.of(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + TestInfrastructure.get().kafkaBootstrapServers(),
                "--spring.mongodb.uri=" + environment.getProperty("spring.mongodb.uri"),
                "--spring.mongodb.database=" + environment.getProperty("spring.mongodb.database"),
                "--platform.consumer.group-id=" + environment.getProperty("platform.consumer.group-id")));
        // the same issuer as the first instance
        arguments.addAll(List.of(TestInfrastructure.issuer().resourceServerArguments()));
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(ReportingApplication.class)
                .run(arguments.toArray(String[]::new))) {
            int before = generations.active();
            List<String> shelters = new CopyOnWriteArrayList<>();
            AtomicBoolean flowing = new AtomicBoolean(true);
            Thread producer = new Thread(() -> {
                while (flowing.get()) {
                    String shelterId = id("scaled");
                    programme.send(shelter(shelterId, "Casa " + shelterId, "MX-CHP", Corridor.SOUTHERN_BORDER, 30));
                    programme.flush();
                    shelters.add(shelterId);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "events-keep-arriving");
            producer.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> shelters.size() >= 20);

            RebuildService onSecond = second.getBean(RebuildService.class);
            onSecond.start();
            assertThat(rebuild.status().state()).as("the other instance sees the rebuild at once").isIn("RUNNING", "DONE");
            assertThat(org.assertj.core.api.Assertions.catchThrowable(rebuild::start))
                    .as("one rebuild at a time across instances").isInstanceOf(Refusal.class);
            await().atMost(Duration.ofSeconds(120)).until(() -> !"RUNNING".equals(onSecond.status().state()));
            Thread.sleep(500);
            flowing.set(false);
            producer.join();

            assertThat(onSecond.status().state()).isEqualTo("DONE");
            int rebuilt = onSecond.status().generation();
            // the progress is visible from the instance that did not build
            RebuildService.Status seen = rebuild.status();
            assertThat(seen.state()).isEqualTo("DONE");
            assertThat(seen.generation()).isEqualTo(rebuilt);
            assertThat(seen.instance()).as("names the instance that built").isEqualTo(onSecond.status().instance());
            assertThat(seen.applied()).isEqualTo(onSecond.status().applied()).isPositive();
            assertThat(rebuilt).isGreaterThan(before);
            assertThat(generations.active()).as("the first instance follows the switch-over").isEqualTo(rebuilt);
            assertThat(second.getBean(Generations.class).active()).isEqualTo(rebuilt);
            for (String shelterId : shelters) {
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        request("GET", "/api/reports/shelters/" + shelterId).statusCode() == 200);
                assertThat(get("/api/reports/shelters/" + shelterId).get("generation").asInt()).isEqualTo(rebuilt);
            }
        }
    }
}
