package io.opslake.cli;

import io.opslake.jobs.SessionSettings;
import static org.assertj.core.api.Assertions.assertThat;

import io.opslake.testing.SharedSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class SparkSessionsTest {
  @Test
  void localModeListsPartitionsInTheDriverAndShufflesIntoTwoPartitionsPerCoreAtLeastFour() {
    assertThat(SparkSessions.localSettings(2))
        .containsEntry("spark.master", "local[*]")
        .containsEntry("spark.sql.shuffle.partitions", "4")
        .containsEntry("spark.sql.sources.parallelPartitionDiscovery.threshold", "100000")
        .doesNotContainKey("spark.sql.adaptive.enabled");
    assertThat(SparkSessions.localSettings(8)).containsEntry("spark.sql.shuffle.partitions", "16");
  }

  @Test
  void interactiveSettingsHoldUntilClosedAndThenThePreviousValuesAreBack() {
    SparkSession spark = SharedSpark.session();
    String partitions = spark.conf().get("spark.sql.shuffle.partitions");
    boolean adaptiveWasSet = spark.conf().contains("spark.sql.adaptive.enabled");
    String adaptive = spark.conf().get("spark.sql.adaptive.enabled");
    try (SessionSettings settings = SparkSessions.interactive(spark)) {
      assertThat(spark.conf().get("spark.sql.shuffle.partitions")).isEqualTo("1");
      assertThat(spark.conf().get("spark.sql.adaptive.enabled")).isEqualTo("false");
      assertThat(spark.sql("SELECT id % 3 AS k, count(*) AS n FROM range(30) GROUP BY k ORDER BY k")
          .collectAsList()).hasSize(3);
    }
    assertThat(spark.conf().get("spark.sql.shuffle.partitions")).isEqualTo(partitions);
    assertThat(spark.conf().get("spark.sql.adaptive.enabled")).isEqualTo(adaptive);
    assertThat(spark.conf().contains("spark.sql.adaptive.enabled")).isEqualTo(adaptiveWasSet);
  }
}
