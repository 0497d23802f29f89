package org.shelters.platform.topics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.shelters.events.kafka.TopicDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Creates the programme's topics at start-up, with retention forever, and refuses to move keys:
 * a topic that exists with another partition count than {@code platform.topics.partitions} is
 * NOT repartitioned (Spring's KafkaAdmin would add partitions, which silently sends a key's
 * later events to another partition and breaks per-aggregate order); the service refuses to start
 * and says why. An existing topic with a finite retention is set to keep everything. If the broker
 * is unreachable the service starts anyway (the outbox holds commands) and logs it.
 */
public class TopicProvisioner implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private final Map<String, Object> adminConfig;
    private final int partitions;
    private final short replicationFactor;

    public TopicProvisioner(Map<String, Object> adminConfig, int partitions, short replicationFactor) {
        this.adminConfig = adminConfig;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
    }

    @Override
    public void afterSingletonsInstantiated() {
        try (Admin admin = Admin.create(adminConfig)) {
            provision(admin);
        } catch (TopicLayoutException e) {
            throw e;
        } catch (TimeoutException | ExecutionException | RuntimeException e) {
            log.warn("could not check or create the topics now (is Kafka up?); the outbox keeps commands meanwhile: {}",
                    e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void provision(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        List<NewTopic> wanted = TopicDefinitions.all(partitions, replicationFactor);
        Collection<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
        List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
        List<String> present = wanted.stream().map(NewTopic::name).filter(existing::contains).toList();
        if (!present.isEmpty()) {
            Map<String, TopicDescription> described = admin.describeTopics(present).allTopicNames().get(10, TimeUnit.SECONDS);
            List<String> wrong = described.values().stream().filter(d -> d.partitions().size() != partitions)
                    .map(d -> d.name() + " has " + d.partitions().size()).toList();
            if (!wrong.isEmpty()) {
                throw new TopicLayoutException("platform.topics.partitions is " + partitions + " but " + String.join(", ", wrong)
                        + " partitions. Changing the partition count of an existing topic moves keys to other partitions"
                        + " and breaks per-aggregate order, so it is refused: set platform.topics.partitions to the"
                        + " existing count, or migrate to new topics (see the README, capacity).");
            }
            keepForever(admin, present);
        }
        if (!missing.isEmpty()) {
            try {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                    throw e;
                }
            }
            log.info("created topics {}", missing.stream().map(NewTopic::name).collect(Collectors.joining(", ")));
        }
    }

    private void keepForever(Admin admin, List<String> topics) throws InterruptedException, ExecutionException, TimeoutException {
        List<ConfigResource> resources = topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        Map<ConfigResource, org.apache.kafka.clients.admin.Config> configs = admin.describeConfigs(resources).all()
                .get(10, TimeUnit.SECONDS);
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new java.util.HashMap<>();
        configs.forEach((resource, config) -> {
            List<AlterConfigOp> ops = new ArrayList<>();
            TopicDefinitions.CONFIG.forEach((name, value) -> {
                ConfigEntry entry = config.get(name);
                if (entry == null || !value.equals(entry.value())) {
                    ops.add(new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET));
                }
            });
            if (!ops.isEmpty()) {
                changes.put(resource, ops);
            }
        });
        if (!changes.isEmpty()) {
            admin.incrementalAlterConfigs(changes).all().get(10, TimeUnit.SECONDS);
            log.info("set {} to keep every event (retention.ms=-1)", changes.keySet().stream().map(ConfigResource::name)
                    .collect(Collectors.joining(", ")));
        }
    }

    /** The topics' partition layout differs from the configuration; starting would break ordering. */
    public static final class TopicLayoutException extends IllegalStateException {
        public TopicLayoutException(String message) {
            super(message);
        }
    }
}
