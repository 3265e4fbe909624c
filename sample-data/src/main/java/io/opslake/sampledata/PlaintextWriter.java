package io.opslake.sampledata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes the API service's Logback log ({@code %d{yyyy-MM-dd HH:mm:ss,SSS} %level [%thread]
 * %logger - %msg}, one space between the fields): an INFO access line per API page load, an INFO
 * start line at each restart, occasional WARNs, and an ERROR record with a multi-line Java stack
 * trace at each connection-leak error. A record and its stack trace lines count as one record.
 */
final class PlaintextWriter implements FormatWriter {
  private final ScenarioPlan plan;

  PlaintextWriter(ScenarioPlan plan) {
    this.plan = plan;
  }

  @Override
  public SampleFormat format() {
    return SampleFormat.PLAINTEXT;
  }

  @Override
  public List<String> hosts(int day) {
    return plan.apiHosts();
  }

  @Override
  public FileContent render(String host, int day) {
    SplittableRandom random = RandomStreams.stream(plan.options().seed(), format().id(), host, day);
    List<Rendered> records = new ArrayList<>();
    for (PageLoad load : plan.pageLoads(host, day)) {
      records.add(record(load.epochMillis(), "INFO", thread(random), "com.mysite.web.RequestLog",
          "GET /page" + load.page() + " 200 " + load.executionMillis() + "ms"));
      if (random.nextInt(400) == 0) {
        records.add(record(load.epochMillis() + 1, "WARN", thread(random), "com.mysite.db.Pool",
            "Slow query took " + (1000 + random.nextInt(4000)) + " ms"));
      }
    }
    for (Restart restart : plan.restartsOn(host, day)) {
      records.add(record(restart.epochMillis(), "INFO", "main", "com.mysite.Main",
          "Starting api " + AppEventSchedule.VERSION + " (pid " + restart.pid() + ")"));
    }
    for (long at : plan.leakErrorTimes(host, day)) {
      records.add(leakError(at, thread(random), random.nextInt(50)));
    }
    records.sort(Comparator.comparingLong(Rendered::epochMillis));
    return FileContent.of(records);
  }

  static Rendered leakError(long at, String thread, int page) {
    String trace = Backtraces.leakErrorIsTooManyOpenFiles(at) ? Backtraces.tooManyOpenFiles() : Backtraces.unknownHost();
    Rendered header = record(at, "ERROR", thread, "com.mysite.web.QueryHandler", "Failed to handle /page" + page);
    return new Rendered(at, header.text() + "\n" + trace);
  }

  static Rendered record(long at, String level, String thread, String logger, String message) {
    StringBuilder out = new StringBuilder(120);
    Text.appendIsoLocal(out, at, ' ', ',');
    out.append(' ').append(level).append(" [").append(thread).append("] ").append(logger).append(" - ").append(message);
    return new Rendered(at, out.toString());
  }

  private static String thread(SplittableRandom random) {
    return "http-nio-8080-exec-" + (1 + random.nextInt(20));
  }

  @Override
  public Malformer malformer() {
    return new Malformer() {
      @Override
      public List<MalformedKind> kinds() {
        return List.of(MalformedKind.TIMESTAMP_2090);
      }

      @Override
      public byte[] malform(MalformedKind kind, Rendered neighbour, SplittableRandom random) {
        long at = TimestampFieldMalformer.millisIn2090(neighbour.epochMillis());
        Rendered header = record(at, "ERROR", thread(random), "com.mysite.web.ProfileView", "Failed to render profile");
        return TimestampFieldMalformer.bytes(header.text() + "\n" + Backtraces.nullPointer());
      }
    };
  }
}
