package io.opslake.jobs.capacity;

import io.opslake.schemas.Tables;
import io.opslake.storage.PartitionRebuild;
import io.opslake.storage.RebuildScope;
import io.opslake.storage.Warehouse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Plans capacity as of a date D (docs/capacity.md): reads the hourly history of every service from
 * {@code event_series}, {@code metric_series} and {@code events} ({@link CapacityInputs}: active servers,
 * requests from one load source per service ({@link LoadSources}: page loads, else access-log requests, else
 * a request counter), p95 latency, CPU, memory and descriptor utilisation and errors), fits per
 * service the Universal Scalability Law, latency, utilisation and the error rate against load per server
 * and the demand forecast ({@link ServiceCapacity}), plans the fleet per future week, forecasts when
 * every disk and descriptor count runs out ({@link ResourceForecasts}), and writes the partition
 * {@code dt=D} of {@code capacity_model}, {@code capacity_plan} and {@code resource_forecast}, each
 * rebuilt whole, plus the CSV and SVG files of {@link CapacityReports}.
 *
 * <p>Spark cost: the scans and aggregations of {@link CapacityInputs} (hour rows of up to 365 days)
 * and {@link ResourceForecasts} (14 days); everything else runs on the driver over one row per
 * service and hour (8,760 a year) and one per resource and hour (336), a few model fits per service.
 */
public final class CapacityJob {
  private final SparkSession spark;
  private final CapacityOptions options;

  public CapacityJob(SparkSession spark, CapacityOptions options) {
    this.spark = spark;
    this.options = options;
  }

  public CapacityResult run() throws IOException {
    Warehouse warehouse = Warehouse.open(options.warehouse(), spark.sparkContext().hadoopConfiguration());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    LocalDate asOf = options.asOf();
    String step = "CAPACITY dt=" + asOf;
    RebuildScope scope = RebuildScope.dates(List.of(asOf));
    try (PartitionRebuild modelRebuild = warehouse.rebuild(spark, Tables.CAPACITY_MODEL, "capacity");
        PartitionRebuild planRebuild = warehouse.rebuild(spark, Tables.CAPACITY_PLAN, "capacity");
        PartitionRebuild resourceRebuild = warehouse.rebuild(spark, Tables.RESOURCE_FORECAST, "capacity")) {
      String group = "CAPACITY " + modelRebuild.runId();
      jsc.setJobGroup(group, step + " service hours", false);
      Map<String, LoadSources.ServiceHours> hours = new CapacityInputs(spark, warehouse, asOf, options.inventory(),
          options.requestCounters()).roleHours();
      Map<String, ServiceCapacity.Assessment> services = ServiceCapacity.assessAll(hours, asOf,
          options.horizonWeeks(), options.latencyObjectiveMs(), options.utilisationTarget());
      List<Row> models = new ArrayList<>();
      List<Row> plan = new ArrayList<>();
      services.values().forEach(service -> {
        models.addAll(CapacityRows.models(service, options.latencyObjectiveMs(), modelRebuild.runId()));
        plan.addAll(CapacityRows.plan(service, options.latencyObjectiveMs(), planRebuild.runId()));
      });

      jsc.setJobGroup(group, step + " resources", false);
      List<ResourceForecasts.Forecast> forecasts = ResourceForecasts.forecasts(spark, warehouse, asOf);
      List<Row> resources = new ArrayList<>();
      forecasts.forEach(forecast -> resources.add(CapacityRows.resource(forecast, resourceRebuild.runId())));

      jsc.setJobGroup(group, step + " write", false);
      stage(modelRebuild, Tables.CAPACITY_MODEL, models);
      stage(planRebuild, Tables.CAPACITY_PLAN, plan);
      stage(resourceRebuild, Tables.RESOURCE_FORECAST, resources);
      List<String> runIds = new ArrayList<>();
      runIds.add(modelRebuild.commit(scope).runId());
      runIds.add(planRebuild.commit(scope).runId());
      runIds.add(resourceRebuild.commit(scope).runId());
      List<String> reports = CapacityReports.write(warehouse, asOf, Tables.CAPACITY_PLAN.dataSchema(), plan,
          Tables.RESOURCE_FORECAST.dataSchema(), resources, services, forecasts);

      long fitted = models.stream().filter(row -> "fitted".equals(row.getAs(2))).count();
      long planned = services.values().stream().filter(service -> service.plan().value() != null).count();
      long filling = forecasts.stream().filter(forecast -> forecast.forecast() != null
          && forecast.forecast().status() == ExhaustionForecast.Status.FILLS).count();
      return new CapacityResult(runIds, asOf, services.size(), fitted, models.size() - fitted, planned, filling,
          Map.of(Tables.CAPACITY_MODEL.name(), (long) models.size(), Tables.CAPACITY_PLAN.name(), (long) plan.size(),
              Tables.RESOURCE_FORECAST.name(), (long) resources.size()),
          reports, Duration.between(options.startedAt(), Instant.now()));
    } finally {
      jsc.clearJobGroup();
    }
  }

  private void stage(PartitionRebuild rebuild, io.opslake.schemas.TableDefinition table, List<Row> rows) {
    if (!rows.isEmpty()) {
      rebuild.stagePartition(options.asOf(), spark.createDataFrame(rows, table.dataSchema()), 1);
    }
  }
}
