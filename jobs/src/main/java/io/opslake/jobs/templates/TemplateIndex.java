package io.opslake.jobs.templates;

import io.opslake.storage.TableStore;
import io.opslake.jobs.events.TemplateAssigner;
import io.opslake.schemas.Tables;
import java.io.IOException;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The templates of the {@code patterns} table as a {@link TemplateAssigner}: a message gets the id
 * of the template it matches (masking, then a parse-tree lookup: {@link TemplateMatcher}), or null.
 * Serializable and read-only, for executors; a lookup costs one masking and a few token
 * comparisons. Loading collects the template texts to the driver (one short string per template).
 */
public final class TemplateIndex implements TemplateAssigner {
  private static final long serialVersionUID = 1L;

  private final TemplateMatcher matcher;

  public TemplateIndex(TemplateMatcher matcher) {
    this.matcher = matcher;
  }

  /** The index of the warehouse's {@code patterns} table; empty (matches nothing) when none. */
  public static TemplateIndex load(SparkSession spark, TableStore warehouse) throws IOException {
    List<String> templates = warehouse.read(spark, Tables.PATTERNS).select("template").distinct()
        .orderBy("template").collectAsList().stream().map((Row row) -> row.getString(0)).toList();
    return new TemplateIndex(TemplateMatcher.of(templates, TemplateMiner.DEFAULT_SETTINGS));
  }

  /** Number of templates. */
  public int size() {
    return matcher.size();
  }

  @Override
  public String templateIdOf(String message) {
    return message == null ? null : matcher.templateIdOf(message);
  }
}
