package org.shelters.platform;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.shelters.events.EventCatalog;
import org.shelters.events.EventJson;
import org.shelters.events.Topic;
import org.shelters.events.Upcaster;
import org.shelters.platform.domain.ProgrammeCalendar;
import org.springframework.beans.factory.ObjectProvider;
import org.shelters.events.Topics;
import org.shelters.events.kafka.EventEnvelopeSerializer;
import org.shelters.events.kafka.ReceivedEvent;
import org.shelters.events.kafka.ReceivedEventDeserializer;
import org.shelters.platform.consumer.ConsumedEventLog;
import org.shelters.platform.consumer.EventConsumer;
import org.shelters.platform.consumer.EventHandler;
import org.shelters.platform.consumer.DeadLetterEndpoint;
import org.shelters.platform.consumer.DeadLetterRedrive;
import org.shelters.platform.health.KafkaHealthIndicator;
import org.shelters.platform.metrics.PrometheusConventions;
import org.shelters.platform.outbox.AggregateStore;
import org.shelters.platform.outbox.OutboxRelay;
import org.shelters.platform.store.StoreFailures;
import org.springframework.util.backoff.FixedBackOff;
import org.shelters.platform.topics.TopicProvisioner;
import org.shelters.platform.runtime.ParentWatch;
import org.shelters.platform.outbox.OutboxEndpoint;
import org.shelters.platform.web.CommandContextFilter;
import org.shelters.platform.web.CommandEdgeFilter;
import org.shelters.platform.web.BoundedInput;
import org.shelters.platform.web.BoundedBodies;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.shelters.platform.web.ProblemErrorReportValve;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.shelters.platform.web.IdempotencyFilter;
import org.shelters.platform.web.KnownParameters;
import org.shelters.platform.web.ProblemDetailsAdvice;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

/**
 * The shared plumbing every service gets by depending on this module: the aggregate store with
 * its outbox and relay, the idempotent consumer with retries and dead letters, topic creation,
 * problem+json errors, correlation/trace context and Idempotency-Key handling.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"})
@EnableConfigurationProperties(PlatformProperties.class)
public class PlatformAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    ProgrammeCalendar programmeCalendar(Clock clock, PlatformProperties properties) {
        return new ProgrammeCalendar(clock, properties.getTimeZone());
    }

    /** The one event reader: the catalog plus every {@link Upcaster} bean, so old versions are read as current. */
    @Bean
    @ConditionalOnMissingBean
    EventJson eventJson(ObjectProvider<Upcaster> upcasters) {
        List<Upcaster> all = upcasters.orderedStream().toList();
        return all.isEmpty() ? EventJson.DEFAULT : new EventJson(EventCatalog.CURRENT, all);
    }

    /** How every consumer (and the rebuild) turns record bytes into events: schema check, upcast, read. */
    @Bean
    @ConditionalOnMissingBean
    ReceivedEventDeserializer receivedEventDeserializer(EventJson json, PlatformProperties properties) {
        return new ReceivedEventDeserializer(json, properties.getConsumer().isValidateSchemas());
    }

    /** Ends this service when the local stack that started it is gone (set by the supervisor, never in production). */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty("platform.parent-pid")
    ParentWatch parentWatch(@Value("${platform.parent-pid}") long parentPid) {
        return new ParentWatch(parentPid);
    }

    /** Creates the topics (retention forever) and refuses to repartition existing ones. */
    @Bean
    TopicProvisioner topicProvisioner(KafkaProperties kafka, PlatformProperties properties) {
        Map<String, Object> admin = new HashMap<>(kafka.buildAdminProperties());
        admin.putIfAbsent(org.apache.kafka.clients.admin.AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        admin.putIfAbsent(org.apache.kafka.clients.admin.AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        return new TopicProvisioner(admin, properties.getTopics().getPartitions(),
                (short) properties.getTopics().getReplicationFactor());
    }

    @Bean
    KafkaTemplate<String, byte[]> outboxKafkaTemplate(KafkaProperties kafka, MeterRegistry meters) {
        Map<String, Object> props = reliableProducer(kafka);
        DefaultKafkaProducerFactory<String, byte[]> factory =
                new DefaultKafkaProducerFactory<>(props, new StringSerializer(), new ByteArraySerializer());
        factory.addListener(new MicrometerProducerListener<>(meters));
        return new KafkaTemplate<>(factory);
    }

    @Bean
    OutboxRelay outboxRelay(MongoTemplate mongo, KafkaTemplate<String, byte[]> outboxKafkaTemplate,
                            PlatformProperties properties, Clock clock, MeterRegistry meters) {
        PlatformProperties.Outbox outbox = properties.getOutbox();
        return new OutboxRelay(mongo, outboxKafkaTemplate, outbox.getCollections(), outbox.getSweepInterval(),
                outbox.getSendTimeout(), outbox.getBatchSize(), outbox.getMaxAttempts(), clock, meters);
    }

    /** {@code /actuator/outbox}: parked aggregates, and retry or drop of their events (operators only). */
    @Bean
    @ConditionalOnMissingBean
    OutboxEndpoint outboxEndpoint(MongoTemplate mongo, OutboxRelay relay) {
        return new OutboxEndpoint(mongo, relay);
    }

    @Bean
    AggregateStore aggregateStore(MongoTemplate mongo, OutboxRelay relay, PlatformProperties properties, Clock clock,
                                  @Value("${spring.application.name:service}") String applicationName) {
        String source = properties.getEventSource() != null ? properties.getEventSource() : "/" + applicationName;
        return new AggregateStore(mongo, relay, source, clock);
    }

    @Bean
    ConsumedEventLog consumedEventLog(MongoTemplate mongo) {
        return new ConsumedEventLog(mongo);
    }

    @Bean
    @ConditionalOnBean(EventHandler.class)
    EventConsumer eventConsumer(List<EventHandler<?>> handlers, ConsumedEventLog log, MeterRegistry meters) {
        return new EventConsumer(handlers, log, meters);
    }

    /** Re-drives this service's dead letters through its own consumer (and {@code /actuator/deadletters}). */
    @Bean
    @ConditionalOnBean(EventHandler.class)
    DeadLetterRedrive deadLetterRedrive(EventConsumer consumer, ReceivedEventDeserializer events, MongoTemplate mongo,
                                        KafkaProperties kafka) {
        return new DeadLetterRedrive(consumer, events, mongo, kafka.buildConsumerProperties());
    }

    @Bean
    @ConditionalOnBean(EventHandler.class)
    DeadLetterEndpoint deadLetterEndpoint(DeadLetterRedrive redrive) {
        return new DeadLetterEndpoint(redrive);
    }

    @Bean
    @ConditionalOnBean(EventHandler.class)
    ConcurrentMessageListenerContainer<String, ReceivedEvent> eventListenerContainer(
            EventConsumer consumer, ConsumedEventLog consumedLog, KafkaProperties kafka, PlatformProperties properties,
            MeterRegistry meters, ReceivedEventDeserializer events,
            @Value("${spring.application.name:service}") String applicationName) {
        PlatformProperties.Consumer config = properties.getConsumer();
        Map<String, Object> props = new HashMap<>(kafka.buildConsumerProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.getGroupId() != null ? config.getGroupId() : applicationName);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.getMaxPollRecords());
        // Cooperative rebalancing: when an instance joins or leaves, only the partitions that move are
        // revoked, the others keep being consumed. A partition is only revoked between polls, after
        // its batch was written to the store and its offsets committed (AckMode.BATCH), so a rebalance
        // loses and doubles nothing (RebalanceMidStreamIT).
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        DefaultKafkaConsumerFactory<String, ReceivedEvent> factory = new DefaultKafkaConsumerFactory<>(props,
                new StringDeserializer(), new ErrorHandlingDeserializer<>(events));
        factory.addListener(new MicrometerConsumerListener<>(meters));

        ContainerProperties containerProperties = new ContainerProperties(consumer.topics().toArray(String[]::new));
        containerProperties.setMessageListener(consumer);
        containerProperties.setAckMode(ContainerProperties.AckMode.BATCH);
        ConcurrentMessageListenerContainer<String, ReceivedEvent> container =
                new ConcurrentMessageListenerContainer<>(factory, containerProperties);
        container.setConcurrency(config.getConcurrency());
        container.setCommonErrorHandler(errorHandler(kafka, config, consumedLog, meters));
        return container;
    }

    /**
     * Blocking retries with bounded exponential backoff (no retry topics: they would break
     * per-aggregate order), then the record goes to {@code <topic>-dlt} with its original bytes
     * and the failure in headers. Invalid events skip the retries.
     */
    private static DefaultErrorHandler errorHandler(KafkaProperties kafka, PlatformProperties.Consumer config,
                                                    ConsumedEventLog consumedLog, MeterRegistry meters) {
        Map<String, Object> props = reliableProducer(kafka);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, EventEnvelopeSerializer.class);
        KafkaTemplate<Object, Object> deadLetters = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(props));
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(deadLetters,
                (record, failure) -> new TopicPartition(record.topic() + "-dlt", -1));
        ConsumerRecordRecoverer countingPublisher = (record, failure) -> {
            publisher.accept(record, failure);
            if (record.value() instanceof ReceivedEvent event) {
                consumedLog.markDeadLettered(event.envelope());
            }
            String type = record.value() instanceof ReceivedEvent event ? event.envelope().type() : "unreadable";
            meters.counter("events.dead.lettered", "topic", record.topic(), "type", type).increment();
        };
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(config.getMaxRetries());
        backOff.setInitialInterval(config.getInitialBackoff().toMillis());
        backOff.setMultiplier(2.0);
        backOff.setMaxInterval(config.getMaxBackoff().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(countingPublisher, backOff);
        // a store outage is no record's fault: retry the same record until the store is back (the
        // consumer holds its position; readiness shows the store DOWN), never dead-letter it
        handler.setBackOffFunction((record, failure) -> StoreFailures.unreachable(failure)
                ? new FixedBackOff(config.getMaxBackoff().toMillis(), FixedBackOff.UNLIMITED_ATTEMPTS) : null);
        handler.setResetStateOnExceptionChange(true);
        handler.addNotRetryableExceptions(org.shelters.events.InvalidEventException.class);
        return handler;
    }

    private static Map<String, Object> reliableProducer(KafkaProperties kafka) {
        Map<String, Object> props = new HashMap<>(kafka.buildProducerProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        props.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        return props;
    }

    @Bean
    PrometheusConventions prometheusConventions() {
        return new PrometheusConventions();
    }

    @Bean(name = "kafkaHealthIndicator")
    @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaProperties kafka) {
        return new KafkaHealthIndicator(kafka, Duration.ofSeconds(3));
    }

    @Bean
    @ConditionalOnWebApplication
    FilterRegistrationBean<CommandContextFilter> commandContextFilter() {
        FilterRegistrationBean<CommandContextFilter> registration = new FilterRegistrationBean<>(new CommandContextFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /**
     * Request bodies are bounded while they are read (numbers, text) and read with the JSON types the
     * OpenAPI document states: floats are never truncated into ints, and nothing is coerced — not
     * {@code 0} into the first enum constant (its index, which reordering the enum would change),
     * not {@code 1} into {@code true}, not {@code "80"} into a number — so a client's type error is a
     * 400 naming the field instead of a command run with a value the client did not mean.
     */
    @Bean
    @ConditionalOnWebApplication
    JsonMapperBuilderCustomizer boundedRequestBodies() {
        return builder -> builder.addModule(BoundedInput.module())
                .disable(tools.jackson.databind.DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(tools.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(tools.jackson.databind.cfg.EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .withCoercionConfig(tools.jackson.databind.type.LogicalType.Boolean, boolean_ -> boolean_
                        .setCoercion(tools.jackson.databind.cfg.CoercionInputShape.Integer,
                                tools.jackson.databind.cfg.CoercionAction.Fail));
    }

    @Bean
    @ConditionalOnWebApplication
    BoundedBodies boundedBodies() {
        return new BoundedBodies();
    }

    /** Tomcat answers what it refuses before any servlet (malformed paths, headers) as problem+json too. */
    @Bean
    @ConditionalOnWebApplication
    @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
    TomcatContextCustomizer problemErrorReports() {
        return context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        };
    }

    /** Before the Idempotency-Key filter: a command whose answer cannot be given never runs. */
    @Bean
    @ConditionalOnWebApplication
    FilterRegistrationBean<CommandEdgeFilter> commandEdgeFilter(PlatformProperties properties) {
        FilterRegistrationBean<CommandEdgeFilter> registration = new FilterRegistrationBean<>(
                new CommandEdgeFilter(properties.getWeb().getMaxBodySize().toBytes()));
        // after the security chain (order -100): an unauthenticated request is refused before its body is looked at
        registration.setOrder(-60);
        return registration;
    }

    @Bean
    @ConditionalOnWebApplication
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(MongoTemplate mongo, Clock clock, PlatformProperties properties) {
        FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(
                new IdempotencyFilter(mongo, clock, properties.getOutbox().getIdempotencyStaleClaim(),
                        properties.getOutbox().getIdempotencyRetention()));
        // after the security chain: claims are per caller, and a refused caller never reaches a stored answer
        registration.setOrder(-50);
        return registration;
    }

    /** info, success statuses and headers, Idempotency-Key, If-Match and the problem answers in the OpenAPI document. */
    @Bean
    @ConditionalOnWebApplication
    @ConditionalOnMissingBean
    org.shelters.platform.openapi.OpenApiContract openApiContract(PlatformProperties properties,
            @Value("${spring.application.name:service}") String applicationName) {
        return new org.shelters.platform.openapi.OpenApiContract(properties.getOpenapi(), applicationName);
    }

    /** An operation refuses a query parameter it does not take (400 naming it) instead of ignoring it. */
    @Bean
    @ConditionalOnWebApplication
    @ConditionalOnMissingBean
    KnownParameters knownParameters(ObjectProvider<KnownParameters.Implied> implied) {
        return new KnownParameters(implied.orderedStream().toList());
    }

    @Bean
    @ConditionalOnWebApplication
    @ConditionalOnMissingBean
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }
}
