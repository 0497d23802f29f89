package org.shelters.testsupport;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Adds the connection properties of {@link TestInfrastructure} to a Spring test context. */
public class RealInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final AtomicInteger CONTEXTS = new AtomicInteger();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestInfrastructure infra = TestInfrastructure.get();
        String app = context.getEnvironment().getProperty("spring.application.name", "app");
        String suffix = app.replaceAll("[^A-Za-z0-9]", "_") + "_" + CONTEXTS.incrementAndGet() + "_" + ProcessHandle.current().pid();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("realInfrastructure", Map.of(
                "spring.kafka.bootstrap-servers", infra.kafkaBootstrapServers(),
                "spring.mongodb.uri", infra.mongoUri() + "/" + "test_" + suffix,
                "spring.mongodb.database", "test_" + suffix,
                "platform.consumer.group-id", "test-" + suffix)));
    }
}
