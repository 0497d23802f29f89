package org.shelters.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The one switch every integration test goes through: {@code -Dtest.infra=auto|docker|embedded}.
 * {@code docker} runs Testcontainers (apache/kafka, mongo as a replica set); {@code embedded} runs
 * an embedded KRaft broker and a Mongo wire-protocol server; {@code auto} picks docker when a
 * Docker engine answers. Started once per test JVM and shared by every Spring context in it.
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    public static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    public static final String MONGO_IMAGE = "mongo:8.0";
    public static final int PARTITIONS = 3;

    private static volatile TestInfrastructure instance;

    private final String mode;
    private final String kafkaBootstrapServers;
    private final String mongoUri;

    private TestInfrastructure(String mode, String kafkaBootstrapServers, String mongoUri) {
        this.mode = mode;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.mongoUri = mongoUri;
    }

    public static TestInfrastructure get() {
        TestInfrastructure current = instance;
        if (current == null) {
            synchronized (TestInfrastructure.class) {
                current = instance;
                if (current == null) {
                    current = start(resolveMode(System.getProperty("test.infra", "auto")));
                    instance = current;
                }
            }
        }
        return current;
    }

    /** The JVM's token issuer (one key pair, its JWK set on a loopback port), started on first use. */
    public static TestIssuer issuer() {
        return Issuer.INSTANCE;
    }

    private static final class Issuer {
        static final TestIssuer INSTANCE = TestIssuer.start();
    }

    public String mode() {
        return mode;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** Without a database name: each Spring context picks its own database. */
    public String mongoUri() {
        return mongoUri;
    }

    static String resolveMode(String requested) {
        String mode = requested == null ? "auto" : requested.trim().toLowerCase(Locale.ROOT);
        switch (mode) {
            case "docker":
            case "embedded":
                return mode;
            case "auto":
            case "":
                return dockerAnswers() ? "docker" : "embedded";
            default:
                throw new IllegalArgumentException("test.infra must be auto, docker or embedded, not '" + requested + "'");
        }
    }

    private static boolean dockerAnswers() {
        boolean socket = Files.exists(Path.of("/var/run/docker.sock")) || System.getenv("DOCKER_HOST") != null;
        if (!socket) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static TestInfrastructure start(String mode) {
        long started = System.nanoTime();
        TestInfrastructure infra = "docker".equals(mode) ? startContainers() : startEmbedded();
        log.info("test infrastructure '{}' ready in {} ms: kafka={} mongo={}", mode,
                (System.nanoTime() - started) / 1_000_000, infra.kafkaBootstrapServers, infra.mongoUri);
        return infra;
    }

    private static TestInfrastructure startEmbedded() {
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        kafka.brokerProperty("auto.create.topics.enable", "true");
        kafka.brokerProperty("num.partitions", String.valueOf(PARTITIONS));
        kafka.brokerProperty("group.initial.rebalance.delay.ms", "0");
        kafka.afterPropertiesSet();
        MongoWireServer mongo = MongoWireServer.inMemory().bindRandomPort();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mongo.close();
            kafka.destroy();
        }, "test-infra-shutdown"));
        return new TestInfrastructure("embedded", kafka.getBrokersAsString(), mongo.connectionString());
    }

    private static TestInfrastructure startContainers() {
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE).withEnv("KAFKA_NUM_PARTITIONS", String.valueOf(PARTITIONS));
        MongoDBContainer mongo = new MongoDBContainer(MONGO_IMAGE);
        kafka.start();
        mongo.start();
        String uri = mongo.getReplicaSetUrl();
        // getReplicaSetUrl ends with "/test": strip the database, each context names its own
        String base = uri.substring(0, uri.lastIndexOf('/'));
        return new TestInfrastructure("docker", kafka.getBootstrapServers(), base);
    }
}
