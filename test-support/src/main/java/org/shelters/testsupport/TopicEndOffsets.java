package org.shelters.testsupport;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The end offset of every partition of some topics, read with a plain Kafka admin client: what
 * a test compares before and after to prove that nothing was published. A topic that does not
 * exist yet has no partitions here; {@link #moved} counts a partition that appears later from 0.
 */
public final class TopicEndOffsets {

    private static final long TIMEOUT_SECONDS = 15;

    private TopicEndOffsets() {
    }

    /** {@code topic-partition -> end offset}, sorted, for a readable assertion message. */
    public static Map<String, Long> of(String bootstrapServers, Collection<String> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (String topic : topics) {
                TopicDescription description = describe(admin, topic);
                if (description != null) {
                    description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                }
            }
            Map<String, Long> offsets = new TreeMap<>();
            if (!latest.isEmpty()) {
                admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                        .forEach((partition, info) -> offsets.put(partition.toString(), info.offset()));
            }
            return offsets;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the end offsets of " + topics + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The end offsets once they stood still for {@code quiet} (other test contexts in the same JVM
     * may still be publishing what they stored), waiting at most {@code atMost}.
     */
    public static Map<String, Long> settled(String bootstrapServers, List<String> topics, Duration quiet, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        Map<String, Long> last = of(bootstrapServers, topics);
        long stillSince = System.nanoTime();
        while (System.nanoTime() - stillSince < quiet.toNanos()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the end offsets of " + topics + " kept moving for " + atMost + ": " + last);
            }
            sleep(Math.min(200, Math.max(1, quiet.toMillis() / 4)));
            Map<String, Long> now = of(bootstrapServers, topics);
            if (!now.equals(last)) {
                last = now;
                stillSince = System.nanoTime();
            }
        }
        return last;
    }

    /** The partitions whose end offset grew from {@code before} to {@code after} (a new partition counts from 0). */
    public static Map<String, String> moved(Map<String, Long> before, Map<String, Long> after) {
        Map<String, String> moved = new TreeMap<>();
        after.forEach((partition, end) -> {
            long was = before.getOrDefault(partition, 0L);
            if (end > was) {
                moved.put(partition, was + " -> " + end);
            }
        });
        return moved;
    }

    private static TopicDescription describe(Admin admin, String topic) throws InterruptedException, TimeoutException,
            ExecutionException {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return null;
            }
            throw e;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
