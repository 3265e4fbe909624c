package io.opslake.sampledata;

import io.opslake.sampledata.AppEvent.InfoField;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes app events as JSON lines (web hosts, format {@code app_events}) or as EDN maps (the
 * Clojure API hosts, format {@code app_events_edn}). The {@code md5} entry is the hex MD5 of the
 * UTF-8 line with that entry removed, i.e. of {@code "{" + everything after "md5":"…",} (JSON)
 * or {@code "{" + everything after :md5 "…" } (EDN).
 */
final class AppEventsWriter implements FormatWriter {
  private final ScenarioPlan plan;
  private final SampleFormat format;
  private final AppEventSchedule schedule;

  AppEventsWriter(ScenarioPlan plan, SampleFormat format) {
    this.plan = plan;
    this.format = format;
    this.schedule = new AppEventSchedule(plan);
  }

  @Override
  public SampleFormat format() {
    return format;
  }

  @Override
  public List<String> hosts(int day) {
    return format == SampleFormat.APP_EVENTS ? plan.webHostsOnDay(day) : plan.apiHosts();
  }

  @Override
  public FileContent render(String host, int day) {
    List<AppEvent> events = schedule.events(host, day,
        RandomStreams.stream(plan.options().seed(), format.id(), host, day));
    MessageDigest md5 = Text.newMd5();
    List<Rendered> records = new ArrayList<>(events.size());
    List<String> notFound = new ArrayList<>();
    StringBuilder body = new StringBuilder(512);
    for (AppEvent event : events) {
      body.setLength(0);
      body.append('{');
      if (format == SampleFormat.APP_EVENTS) {
        appendJsonBody(body, host, event);
      } else {
        appendEdnBody(body, host, event);
      }
      String digest = Text.md5Hex(md5, body);
      String line = (format == SampleFormat.APP_EVENTS ? "{\"md5\":\"" + digest + "\"," : "{:md5 \"" + digest + "\" ")
          + body.substring(1);
      records.add(new Rendered(event.timestamp(), line));
      if (event.notFound()) {
        notFound.add(digest);
      }
    }
    return new FileContent(records, 1, notFound);
  }

  private static void appendJsonBody(StringBuilder out, String host, AppEvent event) {
    out.append("\"type\":\"").append(event.type())
        .append("\",\"hostname\":\"").append(host)
        .append("\",\"timestamp\":").append(event.timestamp())
        .append(",\"received_at\":").append(event.receivedAt())
        .append(",\"tags\":[");
    for (int i = 0; i < event.tags().size(); i++) {
      out.append(i == 0 ? "\"" : ",\"").append(event.tags().get(i)).append('"');
    }
    out.append("],\"additional_info\":{");
    for (int i = 0; i < event.info().size(); i++) {
      InfoField field = event.info().get(i);
      out.append(i == 0 ? "\"" : ",\"").append(field.key()).append("\":").append(field.literal());
    }
    out.append("}}");
  }

  private static void appendEdnBody(StringBuilder out, String host, AppEvent event) {
    out.append(":type \"").append(event.type())
        .append("\" :hostname \"").append(host)
        .append("\" :timestamp #inst \"");
    Text.appendIsoLocal(out, event.timestamp(), 'T', '.');
    out.append("-00:00\" :received_at ").append(event.receivedAt()).append(" :tags [");
    for (int i = 0; i < event.tags().size(); i++) {
      out.append(i == 0 ? "\"" : " \"").append(event.tags().get(i)).append('"');
    }
    out.append("] :additional_info {");
    for (int i = 0; i < event.info().size(); i++) {
      InfoField field = event.info().get(i);
      out.append(i == 0 ? ":" : " :").append(field.key()).append(' ').append(field.literal());
    }
    out.append("}}");
  }

  @Override
  public Malformer malformer() {
    return format == SampleFormat.APP_EVENTS
        ? new TimestampFieldMalformer("", "\"timestamp\":", false, TimestampFieldMalformer.epochNumberTo2090(0),
            line -> line.replaceFirst(",\"received_at\":\\d+", ""))
        : new TimestampFieldMalformer("", ":timestamp #inst \"", true, TimestampFieldMalformer::isoTo2090,
            line -> line.replaceFirst(" :received_at \\d+", ""));
  }
}
