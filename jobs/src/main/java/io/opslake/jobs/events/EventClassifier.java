package io.opslake.jobs.events;

import io.opslake.jobs.rules.EventView;
import io.opslake.jobs.rules.Outcome;
import io.opslake.jobs.rules.RuleSet;
import io.opslake.schemas.Tables;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.collection.JavaConverters;

/**
 * Turns {@code raw_events} rows (table schema, {@code dt} last) into {@code events} rows: drops
 * the duplicates the driver found, applies the rules, computes the fingerprint and template id.
 * Runs inside one Spark task per partition, with no shuffle; cost per event is the rules' matchers
 * plus one pass of the fingerprint normalizers over the backtrace or message.
 */
final class EventClassifier implements FlatMapFunction<Iterator<Row>, Row> {
  private static final int RAW_DATA_COLUMNS = Tables.RAW_EVENTS.dataColumns().size();
  private static final int EVENTS_COLUMNS = Tables.EVENTS.allColumns().size();
  private static final int ID = Tables.RAW_EVENTS.columnIndex("event_id");
  private static final int SOURCE = Tables.RAW_EVENTS.columnIndex("source");
  private static final int HOSTNAME = Tables.RAW_EVENTS.columnIndex("hostname");
  private static final int TYPE = Tables.RAW_EVENTS.columnIndex("type");
  private static final int LEVEL = Tables.RAW_EVENTS.columnIndex("level");
  private static final int MESSAGE = Tables.RAW_EVENTS.columnIndex("message");
  private static final int TAGS = Tables.RAW_EVENTS.columnIndex("tags");
  private static final int LABELS = Tables.RAW_EVENTS.columnIndex("labels");
  private static final int ATTRIBUTES = Tables.RAW_EVENTS.columnIndex("attributes");
  private static final int DURATION = Tables.RAW_EVENTS.columnIndex("duration_ms");
  private static final int STATUS = Tables.RAW_EVENTS.columnIndex("http_status");
  private static final int URL = Tables.RAW_EVENTS.columnIndex("url");
  private static final int SOURCE_FILE = Tables.RAW_EVENTS.columnIndex("source_file");
  private static final int RUN = Tables.RAW_EVENTS.columnIndex("ingest_run_id");

  private final RuleSet rules;
  private final TemplateAssigner templates;
  private final Map<String, String> keepOfDuplicate;

  /**
   * @param keepOfDuplicate for each event_id that occurs more than once, the {@link #rowKey} of the
   *     row to keep
   */
  EventClassifier(RuleSet rules, TemplateAssigner templates, Map<String, String> keepOfDuplicate) {
    this.rules = rules;
    this.templates = templates;
    this.keepOfDuplicate = keepOfDuplicate;
  }

  /** Which of several rows with one event_id is kept: the smallest (ingest_run_id, source_file). */
  static String rowKey(String ingestRunId, String sourceFile) {
    return ingestRunId + '\u0001' + sourceFile;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    return new Iterator<>() {
      private Row next = advance();

      private Row advance() {
        while (rows.hasNext()) {
          Row raw = rows.next();
          String keep = keepOfDuplicate.isEmpty() ? null : keepOfDuplicate.get(raw.getString(ID));
          if (keep == null || keep.equals(rowKey(raw.getString(RUN), raw.getString(SOURCE_FILE)))) {
            return classify(raw);
          }
        }
        return null;
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public Row next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        Row current = next;
        next = advance();
        return current;
      }
    };
  }

  Row classify(Row raw) {
    List<String> tags = raw.isNullAt(TAGS) ? List.of() : raw.getList(TAGS);
    Map<String, String> labels = raw.isNullAt(LABELS) ? Map.of() : raw.getJavaMap(LABELS);
    Map<String, String> attributes = raw.isNullAt(ATTRIBUTES) ? Map.of() : raw.getJavaMap(ATTRIBUTES);
    EventView event = new EventView(raw.getString(TYPE), raw.getString(HOSTNAME), raw.getString(SOURCE),
        raw.getString(LEVEL), raw.getString(MESSAGE), tags, labels, attributes,
        raw.isNullAt(DURATION) ? null : raw.getDouble(DURATION),
        raw.isNullAt(STATUS) ? null : raw.getInt(STATUS), raw.getString(URL));
    Outcome outcome = rules.apply(event);
    Object[] values = new Object[EVENTS_COLUMNS];
    for (int i = 0; i < RAW_DATA_COLUMNS; i++) {
      values[i] = raw.get(i);
    }
    values[TYPE] = outcome.type();
    // Spark's Row encoder takes Scala collections: unchanged ones pass through as read.
    values[TAGS] = outcome.tags() == tags && !raw.isNullAt(TAGS)
        ? raw.get(TAGS) : JavaConverters.asScalaBuffer(outcome.tags());
    values[ATTRIBUTES] = outcome.attributes() == attributes && !raw.isNullAt(ATTRIBUTES)
        ? raw.get(ATTRIBUTES) : JavaConverters.mapAsScalaMap(outcome.attributes());
    if (raw.isNullAt(LABELS)) {
      values[LABELS] = JavaConverters.mapAsScalaMap(labels);
    }
    int next = RAW_DATA_COLUMNS;
    values[next++] = event.type();
    values[next++] = outcome.subtype();
    values[next++] = outcome.ruleId();
    values[next++] = rules.version();
    values[next++] = rules.fingerprint(event);
    values[next++] = templates.templateIdOf(event.message());
    values[next] = raw.get(RAW_DATA_COLUMNS); // dt
    return RowFactory.create(values);
  }
}
