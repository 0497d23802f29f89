package org.shelters.events.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.shelters.events.Topic;
import org.shelters.events.Topics;

/**
 * How the programme's topics are created, wherever they are created (each service at start-up,
 * the local stack, docker-compose through the services): every event topic and its dead-letter
 * topic keeps everything ({@code retention.ms=-1}), because projections are rebuilt from offset 0
 * and a 7-day default would make old shelters and agreements vanish from a rebuild.
 */
public final class TopicDefinitions {

    /** Kept forever: the event history is the source of every read model. */
    public static final Map<String, String> CONFIG = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1",
            TopicConfig.RETENTION_BYTES_CONFIG, "-1");

    private TopicDefinitions() {
    }

    public static List<NewTopic> all(int partitions, short replicationFactor) {
        List<NewTopic> topics = new ArrayList<>();
        for (Topic<?> topic : Topics.ALL) {
            for (String name : List.of(topic.name(), topic.deadLetterTopic())) {
                topics.add(new NewTopic(name, partitions, replicationFactor).configs(CONFIG));
            }
        }
        return topics;
    }
}
