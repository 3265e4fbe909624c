package io.opslake.jobs.events;

import io.opslake.storage.TableStore;
import io.opslake.jobs.templates.TemplateIndex;
import java.io.IOException;
import org.apache.spark.sql.SparkSession;

/** Chooses the {@link TemplateAssigner} the reclassify job uses for {@code events.template_id}. */
public final class TemplateAssigners {
  private TemplateAssigners() {}

  /**
   * The warehouse's mined templates (the {@code patterns} table written by {@code opslake
   * templates}) as an assigner; {@link TemplateAssigner#none()} when nothing was mined, so events
   * then pay no lookup. This is the one place reclassify is wired to the template miner.
   */
  public static TemplateAssigner forWarehouse(SparkSession spark, TableStore warehouse) throws IOException {
    TemplateIndex index = TemplateIndex.load(spark, warehouse);
    return index.size() == 0 ? TemplateAssigner.none() : index;
  }
}
