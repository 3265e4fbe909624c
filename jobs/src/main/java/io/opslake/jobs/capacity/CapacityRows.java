package io.opslake.jobs.capacity;

import io.opslake.schemas.TableDefinition;
import io.opslake.schemas.Tables;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;

/** Turns assessments and resource forecasts into rows of the capacity tables (data columns only). */
final class CapacityRows {
  private CapacityRows() {}

  static List<Row> models(ServiceCapacity.Assessment service, double objective, String runId) {
    List<Row> rows = new ArrayList<>();
    rows.add(usl(service, runId));
    rows.add(latency(service, objective, runId));
    for (UtilisationResource resource : UtilisationResource.values()) {
      rows.add(utilisation(service, resource, runId));
    }
    rows.add(errorRate(service, runId));
    rows.add(demand(service, runId));
    return rows;
  }

  private static Row usl(ServiceCapacity.Assessment service, String runId) {
    Map<String, Object> row = modelBase(service, "usl", "servers", service.usl(), runId);
    UslFit fit = service.usl().value();
    if (fit != null) {
      row.put("method", "levenberg-marquardt");
      row.put("lambda", fit.lambda());
      row.put("lambda_stderr", fit.lambdaStderr());
      row.put("sigma", fit.sigma());
      row.put("sigma_stderr", fit.sigmaStderr());
      row.put("sigma_ci_low", fit.sigmaCi95().lower());
      row.put("sigma_ci_high", fit.sigmaCi95().upper());
      row.put("kappa", fit.kappa());
      row.put("kappa_stderr", fit.kappaStderr());
      row.put("kappa_ci_low", fit.kappaCi95().lower());
      row.put("kappa_ci_high", fit.kappaCi95().upper());
      row.put("n_peak", fit.nPeak());
      row.put("x_peak", fit.xPeak());
      row.put("r2", fit.r2());
      row.put("residual_stderr", fit.residualStderr());
      row.put("distinct_loads", fit.distinctLoads());
      row.put("parameters", Map.of("curvature_p", format(fit.curvatureP())));
      row.put("sentence", String.format(Locale.ROOT,
          "%s: throughput against fleet size follows USL with λ = %.4g %s/h per server, σ = %.3g, κ = %.3g"
              + " (R² %.3f, %d hours)%s", service.service(), fit.lambda(), service.loadSource().noun(), fit.sigma(), fit.kappa(),
          fit.r2() == null ? Double.NaN : fit.r2(), fit.points(),
          fit.nPeak() == null ? "; no peak" : String.format(Locale.ROOT, "; peak at %.1f servers", fit.nPeak())));
    }
    return row(Tables.CAPACITY_MODEL, row);
  }

  private static Row latency(ServiceCapacity.Assessment service, double objective, String runId) {
    Map<String, Object> row = modelBase(service, "latency_per_server", perServerHour(service),
        service.latency(), runId);
    row.put("latency_objective_ms", objective);
    String unit = perServerHour(service);
    LatencyLoadFit fit = service.latency().value();
    if (fit != null) {
      row.put("method", "least-squares quadratic");
      row.put("sigma", fit.sigma());
      row.put("sigma_stderr", fit.sigmaStderr());
      row.put("sigma_ci_low", fit.sigma() - fit.tQuantile() * fit.sigmaStderr());
      row.put("sigma_ci_high", fit.sigma() + fit.tQuantile() * fit.sigmaStderr());
      row.put("kappa", fit.kappa());
      row.put("kappa_stderr", fit.kappaStderr());
      row.put("kappa_ci_low", fit.kappa() - fit.tQuantile() * fit.kappaStderr());
      row.put("kappa_ci_high", fit.kappa() + fit.tQuantile() * fit.kappaStderr());
      row.put("latency_base_ms", fit.baseLatency());
      row.put("breach_load_per_server", fit.breachLoad());
      row.put("r2", fit.r2());
      row.put("residual_stderr", fit.residualStderr());
      row.put("distinct_loads", fit.distinctLoads());
      row.put("parameters", Map.of("intercept_ms", format(fit.intercept()), "linear_ms", format(fit.linear()),
          "quadratic_ms", format(fit.quadratic()), "min_load", format(fit.minLoad()), "max_load",
          format(fit.maxLoad())));
      row.put("sentence", String.format(Locale.ROOT,
          "%s: p95 latency %s over %d hours (%.0f to %.0f %s; R² %.3f)", service.service(),
          fit.breachLoad() == null ? "stays under " + format(objective) + " ms up to 10x the largest load"
              : String.format(Locale.ROOT, "reaches %s ms at %.1f %s", format(objective),
                  fit.breachLoad(), unit),
          fit.points(), fit.minLoad(), fit.maxLoad(), unit, fit.r2()));
    }
    return row(Tables.CAPACITY_MODEL, row);
  }

  private static Row utilisation(ServiceCapacity.Assessment service, UtilisationResource resource, String runId) {
    ServiceCapacity.Attempt<UtilisationLoadFit> attempt = service.utilisation().get(resource);
    Map<String, Object> row = modelBase(service, resource.model(), perServerHour(service), attempt, runId);
    UtilisationLoadFit fit = attempt.value();
    if (fit != null) {
      row.put("method", "least-squares line");
      row.put("breach_load_per_server", fit.targetLoad());
      row.put("r2", fit.r2());
      row.put("residual_stderr", fit.residualStderr());
      row.put("distinct_loads", fit.distinctLoads());
      row.put("parameters", Map.of("source", fit.source(), "intercept_percent", format(fit.intercept()),
          "intercept_stderr", format(fit.interceptStderr()), "slope_percent", format(fit.slope()), "slope_stderr",
          format(fit.slopeStderr()), "slope_p", format(fit.slopeP()), "utilisation_target", format(fit.target()),
          "min_load", format(fit.minLoad()), "max_load", format(fit.maxLoad())));
      row.put("sentence", String.format(Locale.ROOT,
          "%s: %s utilisation (%s) is %.1f %% + %.3g %% per %s per server-hour over %d hours (%.0f to %.0f;"
              + " R² %.3f), so it reaches %.0f %% at %.1f %s", service.service(),
          resource.noun(), fit.source(), fit.intercept(), fit.slope(), service.loadSource().singular(), fit.points(),
          fit.minLoad(), fit.maxLoad(), fit.r2(), 100 * fit.target(), fit.targetLoad(), perServerHour(service)));
    }
    return row(Tables.CAPACITY_MODEL, row);
  }

  private static Row errorRate(ServiceCapacity.Assessment service, String runId) {
    Map<String, Object> row = modelBase(service, "error_rate_per_server", perServerHour(service),
        service.errorRate(), runId);
    String unit = perServerHour(service);
    String singular = service.loadSource().singular();
    ErrorRateLoadFit fit = service.errorRate().value();
    if (fit != null) {
      row.put("method", "weighted least-squares line");
      row.put("r2", fit.r2());
      row.put("distinct_loads", fit.distinctLoads());
      Map<String, String> parameters = new LinkedHashMap<>();
      parameters.put("trend", fit.trend().label());
      parameters.put("mean_rate_percent", format(fit.meanRate()));
      parameters.put("errors", Long.toString(fit.errors()));
      parameters.put("requests", Long.toString(fit.requests()));
      parameters.put("intercept_percent", format(fit.intercept()));
      parameters.put("intercept_stderr", format(fit.interceptStderr()));
      parameters.put("slope_percent", format(fit.slope()));
      parameters.put("slope_stderr", format(fit.slopeStderr()));
      parameters.put("slope_p", format(fit.slopeP()));
      if (fit.dispersion() != null) {
        parameters.put("dispersion", format(fit.dispersion()));
      }
      parameters.put("min_load", format(fit.minLoad()));
      parameters.put("max_load", format(fit.maxLoad()));
      row.put("parameters", parameters);
      String overall = String.format(Locale.ROOT, "%.2f %% of %d requests over %d hours (%.0f to %.0f %s)",
          fit.meanRate(), fit.requests(), fit.points(), fit.minLoad(), fit.maxLoad(), unit);
      row.put("sentence", fit.trend() == ErrorRateLoadFitter.Trend.FLAT
          ? String.format(Locale.ROOT, "%s: the error rate is flat in load, %s; slope %.3g points per %s per"
              + " server-hour (p = %.2g), so errors set no limit on the load per server", service.service(), overall,
              fit.slope(), singular, fit.slopeP())
          : String.format(Locale.ROOT, "%s: the error rate %s with load, %.2f %% + %.3g points per %s per"
              + " server-hour (p = %.2g, R² %.3f): %.2f %% at %.0f and %.2f %% at %.0f; %s", service.service(),
              fit.trend() == ErrorRateLoadFitter.Trend.RISES ? "rises" : "falls", fit.intercept(), fit.slope(),
              singular, fit.slopeP(), fit.r2() == null ? Double.NaN : fit.r2(), fit.rate(fit.minLoad()), fit.minLoad(),
              fit.rate(fit.maxLoad()), fit.maxLoad(), overall));
    }
    return row(Tables.CAPACITY_MODEL, row);
  }

  private static Row demand(ServiceCapacity.Assessment service, String runId) {
    Map<String, Object> row = modelBase(service, "demand_forecast", "days", service.demand(), runId);
    if (service.firstDay() != null) {
      row.put("window_from", timestamp(service.firstDay()));
      row.put("window_to", timestamp(service.lastDay()));
    }
    WeeklyPeakForecast.Outcome outcome = service.demand().value();
    if (outcome != null) {
      DemandForecast daily = outcome.daily();
      row.put("method", daily.model());
      row.put("residual_stderr", daily.sigma());
      Map<String, String> parameters = new HashMap<>();
      parameters.put("alpha", format(daily.alpha()));
      parameters.put("beta", format(daily.beta()));
      parameters.put("gamma", format(daily.gamma()));
      parameters.put("phi", format(daily.phi()));
      parameters.put("aicc", format(daily.aicc()));
      parameters.put("horizon_days", Integer.toString(daily.forecast().size()));
      parameters.put("interval_method", daily.intervalMethod());
      BacktestResult backtest = outcome.backtest();
      String backtestSentence = outcome.backtestRefusal();
      if (backtest != null) {
        row.put("backtest_mape", backtest.mape());
        row.put("backtest_coverage80", backtest.coverage80());
        row.put("backtest_coverage95", backtest.coverage95());
        parameters.put("backtest_holdout_days", Integer.toString(backtest.holdout()));
        parameters.put("backtest_origins", Integer.toString(backtest.origins()));
        backtestSentence = String.format(Locale.ROOT,
            "backtest over the last %d days from %d origins: MAPE %.1f %%, %.0f %% of actuals inside the 80 %%"
                + " intervals and %.0f %% inside the 95 %% intervals", backtest.holdout(), backtest.origins(),
            backtest.mape(), 100 * backtest.coverage80(), 100 * backtest.coverage95());
      }
      row.put("parameters", parameters);
      DemandForecast.Point last = daily.forecast().get(daily.forecast().size() - 1);
      row.put("sentence", String.format(Locale.ROOT,
          "%s: daily peak-hour %s %d days ahead %.0f (95 %% interval %.0f – %.0f; %s chosen by AICc from %d"
              + " models on %d days); %s", service.service(), service.loadSource().noun(), last.step(), last.mean(), last.lower95(),
          last.upper95(), daily.model(), daily.compared().size(), daily.points(), backtestSentence));
    }
    return row(Tables.CAPACITY_MODEL, row);
  }

  private static Map<String, Object> modelBase(ServiceCapacity.Assessment service, String model, String loadUnit,
      ServiceCapacity.Attempt<?> attempt, String runId) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("service", service.service());
    row.put("model", model);
    row.put("status", attempt.value() != null ? "fitted" : "not_fitted");
    row.put("reason", attempt.reason());
    row.put("load_unit", loadUnit);
    row.put("load_source", service.loadSource().label());
    row.put("latency_source", service.latencySource() == LoadSources.LatencySource.NONE ? null
        : service.latencySource().label());
    row.put("parameters", Map.of());
    row.put("points", (long) attempt.points());
    row.put("window_from", service.from() == null ? null : Timestamp.from(service.from()));
    row.put("window_to", service.to() == null ? null : Timestamp.from(service.to()));
    row.put("sentence", attempt.reason() == null ? "" : attempt.reason());
    row.put("run_id", runId);
    return row;
  }

  static List<Row> plan(ServiceCapacity.Assessment service, double objective, String runId) {
    FleetPlan plan = service.plan().value();
    List<Row> rows = new ArrayList<>();
    if (plan == null) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("service", service.service());
      row.put("status", "not_planned");
      row.put("load_source", service.loadSource().label());
      row.put("reason", service.plan().reason());
      row.put("current_fleet", service.currentFleet());
      row.put("sentence", service.plan().reason());
      row.put("run_id", runId);
      rows.add(row(Tables.CAPACITY_PLAN, row));
      return rows;
    }
    int week = 1;
    for (FleetPlan.Week one : plan.weeks()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("service", service.service());
      row.put("status", "planned");
      row.put("load_source", service.loadSource().label());
      row.put("week", week++);
      row.put("week_start", Date.valueOf(one.weekStart()));
      row.put("demand_median", one.demandMedian());
      row.put("demand_upper", one.demandUpper());
      row.put("per_server_capacity", plan.perServerCapacity());
      row.put("utilisation_target", plan.utilisationTarget());
      row.put("servers_needed_median", one.serversForMedian());
      row.put("servers_needed", one.serversForUpper());
      row.put("current_fleet", plan.currentFleet());
      row.put("headroom_percent", Double.isFinite(one.headroomPercent()) ? one.headroomPercent() : null);
      row.put("first_breach_week", plan.firstBreach() == null ? null : Date.valueOf(plan.firstBreach()));
      row.put("utilisation_load_per_server", plan.utilisationLoad());
      row.put("utilisation_resource", plan.utilisationResource() == null ? null : plan.utilisationResource().label());
      row.put("servers_for_latency", one.serversForLatency());
      row.put("servers_for_utilisation", one.serversForUtilisation());
      row.put("binding_constraint", one.binding().label());
      row.put("sentence", String.format(Locale.ROOT,
          "%s, week of %s: peak %.0f %s/h (up to %.0f) needs %d servers (%d at the median) at %.0f %%"
              + " of %.1f per server for p95 under %s ms%s; %d now, headroom %.0f %%", service.service(),
          one.weekStart(), one.demandMedian(), service.loadSource().noun(), one.demandUpper(), one.serversForUpper(),
          one.serversForMedian(),
          100 * plan.utilisationTarget(), plan.perServerCapacity(), format(objective),
          plan.utilisationLoad() == null ? " (no utilisation model)" : String.format(Locale.ROOT,
              ", %d for %s under %.0f %% at %.1f per server (%s binds)", one.serversForUtilisation(),
              plan.utilisationResource().noun(), 100 * plan.utilisationTarget(), plan.utilisationLoad(),
              one.binding().label()),
          plan.currentFleet(), one.headroomPercent()));
      row.put("run_id", runId);
      rows.add(row(Tables.CAPACITY_PLAN, row));
    }
    return rows;
  }

  static Row resource(ResourceForecasts.Forecast forecast, String runId) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("hostname", forecast.hostname());
    row.put("resource_kind", forecast.kind());
    row.put("resource", forecast.resource());
    row.put("unit", forecast.unit() == ResourceUnit.BYTES ? "bytes" : "count");
    row.put("points", forecast.points());
    row.put("run_id", runId);
    ExhaustionForecast f = forecast.forecast();
    if (f == null) {
      row.put("status", "not_forecast");
      row.put("sentence", forecast.reason());
      return row(Tables.RESOURCE_FORECAST, row);
    }
    row.put("status", f.status().name().toLowerCase(Locale.ROOT));
    row.put("capacity", f.capacity());
    row.put("current", f.current());
    row.put("rate_per_hour", f.ratePerHour());
    row.put("rate_low", f.rateLow());
    row.put("rate_high", f.rateHigh());
    row.put("slope_p", f.slopeP());
    row.put("exhausted_at", timestamp(f.exhaustedAt()));
    row.put("earliest", timestamp(f.earliest()));
    row.put("latest", timestamp(f.latest()));
    row.put("points", f.points());
    row.put("window_from", timestamp(f.from()));
    row.put("window_to", timestamp(f.to()));
    row.put("sentence", f.status() == ExhaustionForecast.Status.EXHAUSTED
        ? String.format(Locale.ROOT, "%s on %s is full since %s", forecast.resource(), forecast.hostname(),
            f.exhaustedAt())
        : f.sentence());
    return row(Tables.RESOURCE_FORECAST, row);
  }

  /** A row of {@code table}'s data columns from values by column name (absent = null). */
  static Row row(TableDefinition table, Map<String, Object> values) {
    List<Object> ordered = new ArrayList<>();
    for (StructField field : table.dataSchema().fields()) {
      ordered.add(values.get(field.name()));
    }
    return RowFactory.create(ordered.toArray());
  }

  /** The load unit of the per-server models, e.g. {@code page loads per server-hour}. */
  private static String perServerHour(ServiceCapacity.Assessment service) {
    return service.loadSource().noun() + " per server-hour";
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static Timestamp timestamp(LocalDate day) {
    return Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  static String format(double value) {
    return String.format(Locale.ROOT, "%.6g", value);
  }
}
