package io.opslake.jobs.findings;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.opslake.schemas.Tables;
import io.opslake.storage.TableStore;
import java.io.IOException;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code novelty} rows of one as-of date D, from the day rows of {@code event_series} kinds
 * {@code fingerprint} and {@code template} with a count, over the whole history up to D:
 *
 * <ul>
 *   <li>{@code new}: a count on D and none on any earlier day (days without input have no rows, so
 *       "any earlier day with input");
 *   <li>{@code stopped}: a count on each of the 7 days D−7..D−1 and none on D, when D had input for
 *       the kind ({@code series_days}). A steady series is reported once, on the first day it is
 *       missing; a sporadic one (a gap in the 7 days) never is.
 * </ul>
 *
 * <p>Spark cost: one scan of the day rows of the two kinds over the history (one row per key and day
 * it was seen; Parquet statistics skip most minute and hour row groups), one aggregation shuffle of
 * one row per key. Nothing is collected.
 */
final class NoveltyFindings {
  static final List<String> KINDS = List.of("fingerprint", "template");

  /** Days before D a series must have been seen on, each of them, to be reported as stopped. */
  static final int STEADY_DAYS = 7;

  private NoveltyFindings() {}

  /**
   * The table's data columns for D; {@code kindsWithInputOnDay} are the kinds whose {@code
   * series_days} row for D has input.
   */
  static Dataset<Row> rows(SparkSession spark, TableStore store, LocalDate asOf, Set<String> kindsWithInputOnDay,
      String runId) throws IOException {
    Date day = Date.valueOf(asOf);
    Date steadyFrom = Date.valueOf(asOf.minusDays(STEADY_DAYS));
    Column onDay = col("dt").equalTo(day);
    Column before = col("dt").lt(day);
    Dataset<Row> perKey = store.read(spark, Tables.EVENT_SERIES)
        .where(col("dt").leq(day).and(col("grain").equalTo("day")).and(col("series_kind").isin(KINDS.toArray()))
            .and(col("count").gt(0)))
        .groupBy(col("series_kind"), col("series_key"))
        .agg(min(col("dt")).as("first_day"), max(when(before, col("dt"))).as("last_day_before"),
            sum(when(onDay, col("count")).otherwise(0L)).as("count_on_day"),
            count(when(col("dt").geq(steadyFrom).and(before), lit(1))).as("steady_days"));
    Column isNew = col("count_on_day").gt(0).and(col("first_day").equalTo(day));
    Column isStopped = col("count_on_day").equalTo(0).and(col("steady_days").equalTo(STEADY_DAYS))
        .and(col("series_kind").isin(kindsWithInputOnDay.toArray()));
    Column firstSeen = date_format(col("first_day"), "yyyy-MM-dd");
    Column lastSeen = date_format(when(isNew, lit(day)).otherwise(col("last_day_before")), "yyyy-MM-dd");
    return perKey.where(isNew.or(isStopped))
        .select(col("series_kind"), col("series_key"), when(isNew, lit("new")).otherwise(lit("stopped")).as("status"),
            firstSeen.as("first_seen"), lastSeen.as("last_seen"), col("count_on_day").cast("long").as("count_on_day"),
            when(isNew, concat(col("series_kind"), lit(" "), col("series_key"), lit(" first seen on " + asOf + ": "),
                    col("count_on_day").cast("string"), lit(" events that day, none on any earlier day with data")))
                .otherwise(concat(col("series_kind"), lit(" "), col("series_key"), lit(" stopped on " + asOf
                    + ": seen every day of the " + STEADY_DAYS + " before (first on "), firstSeen,
                    lit("), none that day"))).as("sentence"),
            lit(runId).as("run_id"));
  }
}
