package org.shelters.reporting.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class HistoryGapTest {

    @Test
    void aRebuildProceedsWhenEveryPartitionStartsAtOffsetZero() {
        assertThat(Replay.historyGap(Map.of(new TopicPartition("shelters.v1", 0), 0L,
                new TopicPartition("agreements.v1", 2), 0L))).isEmpty();
    }

    @Test
    void aRebuildIsRefusedWhenAnyPartitionLostItsFirstEventsNamingThem() {
        assertThat(Replay.historyGap(Map.of(new TopicPartition("shelters.v1", 0), 0L,
                new TopicPartition("agreements.v1", 2), 1_204L)))
                .hasValueSatisfying(why -> assertThat(why).contains("agreements.v1-2 starts at offset 1204")
                        .contains("live generation keeps serving"));
    }
}
