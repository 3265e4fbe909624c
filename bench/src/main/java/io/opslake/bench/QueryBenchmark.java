package io.opslake.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * bench/query: the same analyst questions through the warm endpoint ({@code bin/opslake serve},
 * over Hive's JDBC driver, as beeline or DBeaver would send them) and through DuckDB's JDBC driver
 * over the same Parquet files, in one run. Each question runs once unmeasured on each side (warm-up),
 * then {@code runs} times per side, alternating sides; the answers of both sides must agree (numbers
 * to 9 significant digits), else the benchmark fails. Prints {@code RESULT <query> <side> <seconds>}
 * per timed run and {@code TUNING <variant> <query> <seconds>} for the Spark-side variants (each
 * switched with {@code SET}, which every connection of the endpoint shares).
 *
 * <p>Usage: {@code QueryBenchmark <jdbc url of serve> <warehouse directory> <day> <runs> <tuning runs>}
 */
public final class QueryBenchmark {
  private QueryBenchmark() {}

  /**
   * A question, with the SQL text per engine where their dialects differ, and how many leading
   * columns of the answer must agree (all of them but an approximate quantile's).
   */
  record Question(String name, String spark, String duckdb, int comparedColumns) {
    static Question same(String name, String sql) {
      return new Question(name, sql, sql, Integer.MAX_VALUE);
    }
  }

  static List<Question> questions(String day) {
    String pageLoadP95 = "SELECT dt, hostname, count(*) AS page_loads, %s AS p95_ms FROM raw_events"
        + " WHERE type = 'page_load' GROUP BY dt, hostname ORDER BY dt, hostname";
    return List.of(
        // The question: per day x host p95 of page loads over every day (exact p95, linear
        // interpolation, on both sides: Spark's percentile is DuckDB's quantile_cont).
        new Question("p95_day_host", String.format(Locale.ROOT, pageLoadP95, "percentile(duration_ms, 0.95)"),
            String.format(Locale.ROOT, pageLoadP95, "quantile_cont(duration_ms, 0.95)"), Integer.MAX_VALUE),
        // The same with each engine's approximate quantile (Spark: Greenwald-Khanna sketch; DuckDB:
        // t-digest): their p95s differ slightly, so only day, host and count are compared.
        new Question("p95_approx_day_host", String.format(Locale.ROOT, pageLoadP95, "percentile_approx(duration_ms, 0.95)"),
            String.format(Locale.ROOT, pageLoadP95, "approx_quantile(duration_ms, 0.95)"), 3),
        Question.same("not_found_per_day", "SELECT dt, count(*) AS not_found FROM raw_events"
            + " WHERE type = 'exception' AND message LIKE 'Not Found:%' GROUP BY dt ORDER BY dt"),
        Question.same("events_per_day", "SELECT dt, count(*) AS events FROM raw_events GROUP BY dt ORDER BY dt"),
        Question.same("top_types_one_day", "SELECT type, count(*) AS n FROM raw_events WHERE dt = DATE '" + day + "'"
            + " GROUP BY type ORDER BY n DESC, type LIMIT 10"),
        Question.same("hourly_loads_one_day", "SELECT hostname, hour(ts) AS h, count(*) AS n, avg(duration_ms) AS mean_ms"
            + " FROM raw_events WHERE dt = DATE '" + day + "' AND type = 'page_load'"
            + " GROUP BY hostname, hour(ts) ORDER BY hostname, h"),
        Question.same("exception_ratio_join", "WITH p AS (SELECT dt, hostname, count(*) AS loads FROM raw_events"
            + " WHERE type = 'page_load' GROUP BY dt, hostname),"
            + " e AS (SELECT dt, hostname, count(*) AS exceptions FROM raw_events WHERE type = 'exception'"
            + " GROUP BY dt, hostname)"
            + " SELECT p.dt, p.hostname, p.loads, coalesce(e.exceptions, 0) AS exceptions,"
            + " coalesce(e.exceptions, 0) / p.loads AS ratio FROM p LEFT JOIN e ON p.dt = e.dt AND p.hostname = e.hostname"
            + " ORDER BY ratio DESC, p.dt, p.hostname LIMIT 20"),
        Question.same("runs_join", "SELECT r.status, count(*) AS events FROM raw_events e JOIN ingest_runs r"
            + " ON e.ingest_run_id = r.run_id WHERE e.dt = DATE '" + day + "' GROUP BY r.status ORDER BY r.status"));
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      System.err.println("usage: QueryBenchmark <jdbc url of serve> <warehouse directory> <day> <runs> <tuning runs>");
      System.exit(2);
    }
    String url = args[0];
    String warehouse = args[1];
    List<Question> questions = questions(args[2]);
    int runs = Integer.parseInt(args[3]);
    int tuningRuns = Integer.parseInt(args[4]);
    try (Connection spark = DriverManager.getConnection(url, "bench", "");
        Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
      try (Statement statement = duckdb.createStatement()) {
        // Timestamps are stored adjusted to UTC; hour(ts) must be the UTC hour on both sides.
        statement.execute("SET TimeZone = 'UTC'");
        for (String table : List.of("raw_events", "ingest_runs")) {
          statement.execute("CREATE VIEW " + table + " AS SELECT * FROM read_parquet('" + warehouse + "/" + table
              + "/*/*.parquet', hive_partitioning = true)");
        }
      }
      for (Question question : questions) {
        List<String> sparkRows = rows(spark, question.spark(), question.comparedColumns());
        List<String> duckdbRows = rows(duckdb, question.duckdb(), question.comparedColumns());
        if (!sparkRows.equals(duckdbRows)) {
          System.err.println("ANSWERS DIFFER for " + question.name() + "\nspark:  " + sparkRows + "\nduckdb: " + duckdbRows);
          System.exit(1);
        }
        System.out.printf(Locale.ROOT, "ROWS %s %d%n", question.name(), sparkRows.size());
      }
      for (int run = 0; run < runs; run++) {
        for (Question question : questions) {
          System.out.printf(Locale.ROOT, "RESULT %s spark %.4f%n", question.name(), seconds(spark, question.spark()));
          System.out.printf(Locale.ROOT, "RESULT %s duckdb %.4f%n", question.name(), seconds(duckdb, question.duckdb()));
        }
      }
      tunings(spark, questions, tuningRuns);
    }
  }

  /**
   * Spark-side variants, each a change of serve's settings on the shared session, to find where
   * Spark's per-query cost goes: one shuffle partition (no range-partitioning sample job for an
   * {@code ORDER BY}, one reduce task per stage), adaptive execution off (no re-planning between
   * stages), both, and both with {@code raw_events} in Spark's in-memory columnar cache (not
   * something serve does: it costs memory in proportion to the table).
   */
  private static void tunings(Connection spark, List<Question> questions, int runs) throws SQLException {
    if (runs == 0) {
      return;
    }
    String partitions = setting(spark, "spark.sql.shuffle.partitions");
    Map<String, List<String>> variants = new LinkedHashMap<>();
    variants.put("shuffle_partitions_1", List.of("SET spark.sql.shuffle.partitions=1"));
    variants.put("adaptive_off", List.of("SET spark.sql.adaptive.enabled=false"));
    variants.put("adaptive_off_shuffle_1", List.of("SET spark.sql.adaptive.enabled=false",
        "SET spark.sql.shuffle.partitions=1"));
    variants.put("cached_adaptive_off_shuffle_1", List.of("SET spark.sql.adaptive.enabled=false",
        "SET spark.sql.shuffle.partitions=1", "CACHE TABLE raw_events"));
    for (Map.Entry<String, List<String>> variant : variants.entrySet()) {
      execute(spark, variant.getValue());
      for (Question question : questions) {
        seconds(spark, question.spark()); // warm-up under the variant
        for (int run = 0; run < runs; run++) {
          System.out.printf(Locale.ROOT, "TUNING %s %s %.4f%n", variant.getKey(), question.name(),
              seconds(spark, question.spark()));
        }
      }
      execute(spark, List.of("SET spark.sql.shuffle.partitions=" + partitions, "SET spark.sql.adaptive.enabled=true",
          "UNCACHE TABLE IF EXISTS raw_events"));
    }
  }

  private static String setting(Connection connection, String key) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery("SET " + key)) {
      result.next();
      return result.getString(2);
    }
  }

  private static void execute(Connection connection, List<String> statements) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  /** Seconds from sending the query to having read every row of its answer. */
  private static double seconds(Connection connection, String sql) throws SQLException {
    long started = System.nanoTime();
    rows(connection, sql, Integer.MAX_VALUE);
    return (System.nanoTime() - started) / 1e9;
  }

  /** The answer's first {@code maxColumns} columns as text rows; numbers to 9 significant digits, so both engines' doubles compare. */
  static List<String> rows(Connection connection, String sql, int maxColumns) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
      int columns = Math.min(maxColumns, result.getMetaData().getColumnCount());
      while (result.next()) {
        String[] values = new String[columns];
        for (int column = 1; column <= columns; column++) {
          Object value = result.getObject(column);
          values[column - 1] = value instanceof Number number
              ? new BigDecimal(number.toString()).round(new MathContext(9)).stripTrailingZeros().toPlainString()
              : String.valueOf(value);
        }
        rows.add(Arrays.toString(values));
      }
    }
    return rows;
  }
}
