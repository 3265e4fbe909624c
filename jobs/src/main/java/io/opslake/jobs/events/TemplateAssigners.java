package io.opslake.jobs.events;

import io.opslake.ingest.commit.Warehouse;
import org.apache.spark.sql.SparkSession;

/** Chooses the {@link TemplateAssigner} the reclassify job uses for {@code events.template_id}. */
public final class TemplateAssigners {
  private TemplateAssigners() {}

  /**
   * The assigner for a warehouse's mined templates.
   *
   * <p>INTEGRATION POINT (template miner): when a {@code patterns} table exists, return {@code
   * io.opslake.jobs.templates.TemplateIndex}'s loader here, e.g. {@code
   * TemplateIndex.load(spark, warehouse)}. Until then every {@code template_id} stays null and
   * {@code repetition} has only fingerprint groups.
   */
  public static TemplateAssigner forWarehouse(SparkSession spark, Warehouse warehouse) {
    return TemplateAssigner.none();
  }
}
