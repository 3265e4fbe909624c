package io.opslake.jobs.capacity;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a {@link CapacityJob} run did.
 *
 * @param runIds the commit run ids, one per table ({@code capacity_model}, {@code capacity_plan},
 *     {@code resource_forecast})
 * @param asOf the as-of date, the partition written
 * @param services services assessed
 * @param modelsFitted capacity_model rows with status {@code fitted}
 * @param modelsNotFitted rows with status {@code not_fitted}
 * @param servicesPlanned services with a plan
 * @param resourcesFilling resources expected to run out within the horizon
 * @param rowsWritten per table, the rows written
 * @param reports the CSV and SVG files written
 * @param elapsed wall-clock time
 */
@JsonPropertyOrder({"run_ids", "as_of", "services", "models_fitted", "models_not_fitted", "services_planned",
    "resources_filling", "rows_written", "reports", "elapsed_seconds"})
public record CapacityResult(
    List<String> runIds,
    @JsonSerialize(using = ToStringSerializer.class) LocalDate asOf,
    long services,
    long modelsFitted,
    long modelsNotFitted,
    long servicesPlanned,
    long resourcesFilling,
    Map<String, Long> rowsWritten,
    List<String> reports,
    @JsonIgnore Duration elapsed) {
  public CapacityResult {
    runIds = List.copyOf(runIds);
    reports = List.copyOf(reports);
    rowsWritten = Collections.unmodifiableMap(new TreeMap<>(rowsWritten));
  }

  @JsonProperty("elapsed_seconds")
  public double elapsedSeconds() {
    return elapsed.toMillis() / 1000.0;
  }

  /** Rows written to {@code table}, 0 when it got none. */
  public long rowsWritten(String table) {
    return rowsWritten.getOrDefault(table, 0L);
  }
}
