package org.shelters.testsupport;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Adds the connection properties of {@link TestInfrastructure} (broker, store, token issuer) to a Spring test context. */
public class RealInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final AtomicInteger CONTEXTS = new AtomicInteger();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestInfrastructure infra = TestInfrastructure.get();
        String app = context.getEnvironment().getProperty("spring.application.name", "app");
        String suffix = app.replaceAll("[^A-Za-z0-9]", "_") + "_" + CONTEXTS.incrementAndGet() + "_" + ProcessHandle.current().pid();
        Map<String, Object> properties = new HashMap<>(Map.of(
                "spring.kafka.bootstrap-servers", infra.kafkaBootstrapServers(),
                "spring.mongodb.uri", infra.mongoUri() + "/" + "test_" + suffix,
                "spring.mongodb.database", "test_" + suffix,
                "platform.consumer.group-id", "test-" + suffix));
        // every service validates real signed tokens from the suite's issuer
        properties.putAll(TestInfrastructure.issuer().resourceServerProperties());
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("realInfrastructure", properties));
    }
}
