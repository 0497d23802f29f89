package org.shelters.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.shelters.events.Topics;
import org.shelters.platform.topics.TopicProvisioner;
import org.shelters.testsupport.TestInfrastructure;
import org.shelters.testsupport.WithRealInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;

/** Topics keep every event (a rebuild from offset 0 sees the whole history) and are never repartitioned. */
@SpringBootTest
@WithRealInfrastructure
class TopicProvisionerIT {

    private final Map<String, Object> adminConfig = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            TestInfrastructure.get().kafkaBootstrapServers());

    @Test
    void everyEventTopicAndItsDeadLetterTopicKeepEverything() throws Exception {
        try (Admin admin = Admin.create(adminConfig)) {
            for (String topic : List.of(Topics.SHELTERS.name(), Topics.AGREEMENTS.deadLetterTopic(), Topics.LOGISTICS.name())) {
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                var config = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
                assertThat(config.get("retention.ms").value()).as(topic).isEqualTo("-1");
            }
        }
    }

    @Test
    void anotherPartitionCountForExistingTopicsIsRefusedAndNothingIsRepartitioned() throws Exception {
        TopicProvisioner more = new TopicProvisioner(adminConfig, TestInfrastructure.PARTITIONS + 2, (short) 1);

        assertThatThrownBy(more::afterSingletonsInstantiated)
                .isInstanceOf(TopicProvisioner.TopicLayoutException.class)
                .hasMessageContaining("breaks per-aggregate order");
        try (Admin admin = Admin.create(adminConfig)) {
            int partitions = admin.describeTopics(List.of(Topics.SHELTERS.name())).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(Topics.SHELTERS.name()).partitions().size();
            assertThat(partitions).isEqualTo(TestInfrastructure.PARTITIONS);
        }
    }
}
