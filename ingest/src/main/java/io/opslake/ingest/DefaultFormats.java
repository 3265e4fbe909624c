package io.opslake.ingest;

import io.opslake.ingest.engine.FormatSupport;
import io.opslake.ingest.format.FormatDetector;
import io.opslake.ingest.format.InputFormat;
import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.RecordParser;
import io.opslake.ingest.format.accesslog.AccessLogParser;
import io.opslake.ingest.format.appevents.AppEventEdnParser;
import io.opslake.ingest.format.appevents.AppEventJsonParser;
import io.opslake.ingest.format.dcos.DcosMetricsParser;
import io.opslake.ingest.format.elasticsearch.EsShardsParser;
import io.opslake.ingest.format.expvar.ExpvarParser;
import io.opslake.ingest.format.hoststats.HostStatsParser;
import io.opslake.ingest.format.journald.JournaldParser;
import io.opslake.ingest.format.kafka.KafkaLagParser;
import io.opslake.ingest.format.plaintext.LineFormatLogParser;
import io.opslake.ingest.format.plaintext.PlainTextLogParser;
import io.opslake.ingest.format.statsd.StatsdParser;
import io.opslake.ingest.format.writer.WriterMetricsParser;
import io.opslake.ingest.format.zap.ZapLogParser;
import java.util.List;
import java.util.Optional;

/** The formats opslake ships: content-based detection and one parser class per format. */
public final class DefaultFormats implements FormatSupport {
  private static final long serialVersionUID = 1L;

  @Override
  public Optional<InputFormat> detect(List<String> sampleLines) {
    return FormatDetector.detect(sampleLines);
  }

  @Override
  public RecordParser create(InputFormat format, ParseContext context) {
    return switch (format) {
      case APP_EVENTS -> new AppEventJsonParser(context);
      case APP_EVENTS_EDN -> new AppEventEdnParser(context);
      case JOURNALD -> new JournaldParser(context);
      case ZAP -> new ZapLogParser(context);
      case PLAINTEXT -> context.lineFormat() == null
          ? new PlainTextLogParser(context)
          : new LineFormatLogParser(context);
      case STATSD -> new StatsdParser(context);
      case DCOS_METRICS -> new DcosMetricsParser(context);
      case WRITER_METRICS -> new WriterMetricsParser(context);
      case ES_SHARDS -> new EsShardsParser(context);
      case EXPVAR -> new ExpvarParser(context);
      case KAFKA_LAG -> new KafkaLagParser(context);
      case HOST_STATS -> new HostStatsParser(context);
      case ACCESS_LOG -> new AccessLogParser(context);
    };
  }
}
