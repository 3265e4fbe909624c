package io.opslake.jobs.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.univocity.parsers.csv.CsvWriter;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.opslake.jobs.csv.CsvFormat;
import io.opslake.storage.Warehouse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Writes the nightly report of one day: {@code <warehouse>/reports/dt=D/index.html}, one
 * self-contained page (inline CSS and SVG, no script, a {@code default-src 'none'} content
 * security policy), plus its figures as {@code figures.json} and CSV files beside it. The page is
 * rendered by the precompiled jte template {@code src/main/jte/report.jte}, which escapes every
 * value (a message holding {@code <script>} is shown as text).
 *
 * <p>Reads only the day's partitions (and the day and week before for the busiest series); see
 * {@link ReportQueries} for the sections. A rerun for the same day replaces the files; from the
 * same inputs it writes the same {@code figures.json} and CSV files, and a page that differs only
 * in the time it was made.
 */
public final class ReportJob {
  private static final String TEMPLATE_PACKAGE = "io.opslake.jobs.report.templates";
  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT);

  private final SparkSession spark;
  private final ReportOptions options;

  public ReportJob(SparkSession spark, ReportOptions options) {
    this.spark = spark;
    this.options = options;
  }

  public ReportResult run() throws IOException {
    Warehouse warehouse = Warehouse.open(options.warehouse(), spark.sparkContext().hadoopConfiguration());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    ReportFigures figures;
    ReportQueries queries = new ReportQueries(spark, warehouse, options.date());
    try {
      jsc.setJobGroup("REPORT dt=" + options.date(), "REPORT dt=" + options.date() + " figures", false);
      figures = queries.figures();
    } finally {
      jsc.clearJobGroup();
    }
    ReportPage page = new ReportPage(figures, queries.charts(),
        options.startedAt().truncatedTo(ChronoUnit.SECONDS).toString());

    FileSystem fs = warehouse.fileSystem();
    Path folder = new Path(warehouse.root(), "reports/dt=" + options.date());
    List<String> files = new ArrayList<>();
    write(fs, new Path(folder, "index.html"), render(page), files);
    write(fs, new Path(folder, "figures.json"), JSON.writeValueAsString(figures) + "\n", files);
    write(fs, new Path(folder, "sources.csv"), csv(List.of("source", "events", "metrics", "quarantined"),
        figures.sources().stream().map(s -> List.<Object>of(s.source(), s.events(), s.metrics(), s.quarantined())).toList()), files);
    write(fs, new Path(folder, "quarantine_reasons.csv"), csv(List.of("format", "reason", "count"),
        figures.quarantineReasons().stream().map(r -> List.<Object>of(r.format(), r.reason(), r.count())).toList()), files);
    write(fs, new Path(folder, "top.csv"), csv(List.of("kind", "series_key", "label", "count", "day_before", "week_before"),
        figures.top().stream().map(t -> java.util.Arrays.<Object>asList(t.kind(), t.key(), t.label(), t.count(),
            t.previousDay(), t.previousWeek())).toList()), files);
    write(fs, new Path(folder, "reclassified.csv"), csv(List.of("original_type", "type", "rule_id", "count"),
        figures.reclassified().stream().map(r -> java.util.Arrays.<Object>asList(r.originalType(), r.type(),
            r.ruleId(), r.count())).toList()), files);
    write(fs, new Path(folder, "findings.csv"), csv(List.of("table", "sentence"),
        figures.findings().stream().flatMap(section -> section.shown().stream()
            .map(sentence -> List.<Object>of(section.table(), sentence))).toList()), files);
    long findingsRows = figures.findings().stream().mapToLong(ReportFigures.FindingsSection::rows).sum();
    return new ReportResult(options.date().toString(), fs.makeQualified(folder).toString(), files,
        figures.sources().size(), findingsRows, Duration.between(options.startedAt(), Instant.now()));
  }

  /** The page as HTML, rendered by the precompiled template. */
  static String render(ReportPage page) {
    TemplateEngine engine = TemplateEngine.createPrecompiled(null, ContentType.Html,
        ReportJob.class.getClassLoader(), TEMPLATE_PACKAGE);
    StringOutput output = new StringOutput();
    engine.render("report.jte", page, output);
    return output.toString();
  }

  private static String csv(List<String> header, List<List<Object>> rows) {
    java.io.StringWriter text = new java.io.StringWriter();
    CsvWriter writer = CsvFormat.writer(text);
    writer.writeHeaders(header);
    for (List<Object> row : rows) {
      writer.writeRow(row.toArray());
    }
    writer.close();
    return text.toString();
  }

  private static void write(FileSystem fs, Path path, String text, List<String> files) throws IOException {
    try (FSDataOutputStream out = fs.create(path, true);
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
      writer.write(text);
    }
    files.add(path.getName());
  }
}
