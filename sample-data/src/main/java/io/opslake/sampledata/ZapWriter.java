package io.opslake.sampledata;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes the Go service {@code kwanza}'s zap JSON logs as {@code docker-compose up} prints them:
 * {@code kwanza_1    | {...}}, about one line in ten with the prefix in ANSI colour. Levels are
 * info, warn and error; errors carry a {@code stacktrace} field. {@code ts} is epoch seconds with
 * microseconds.
 */
final class ZapWriter implements FormatWriter {
  static final String PREFIX = "kwanza_1    | ";
  static final String COLOURED_PREFIX = "\u001B[36mkwanza_1    |\u001B[0m ";
  private static final long MEAN_GAP_MILLIS = 20_000L;

  private final ScenarioPlan plan;

  ZapWriter(ScenarioPlan plan) {
    this.plan = plan;
  }

  @Override
  public SampleFormat format() {
    return SampleFormat.ZAP;
  }

  @Override
  public List<String> hosts(int day) {
    return List.of(ScenarioPlan.GO_HOST);
  }

  @Override
  public FileContent render(String host, int day) {
    SplittableRandom random = RandomStreams.stream(plan.options().seed(), format().id(), host, day);
    long dayStart = plan.dayStartMillis(day);
    List<Rendered> records = new ArrayList<>();
    StringBuilder out = new StringBuilder(400);
    int streams = 40;
    for (long at = dayStart + random.nextLong(MEAN_GAP_MILLIS); at < dayStart + ScenarioPlan.DAY_MILLIS;
        at += 1 + random.nextLong(2 * MEAN_GAP_MILLIS)) {
      out.setLength(0);
      out.append(random.nextInt(10) == 0 ? COLOURED_PREFIX : PREFIX);
      String subscriber = "s-" + random.nextInt(1, 200);
      int draw = random.nextInt(100);
      if (draw < 85) {
        boolean open = random.nextBoolean() || streams < 5;
        streams += open ? 1 : -1;
        start(out, "info", at, random, open ? "stream/handler.go:88" : "stream/handler.go:121",
            open ? "stream opened" : "stream closed");
        out.append(",\"subscriber\":\"").append(subscriber).append("\",\"streams\":").append(streams).append('}');
      } else if (draw < 97) {
        start(out, "warn", at, random, "stream/publisher.go:77", "subscriber is slow, dropping messages");
        out.append(",\"subscriber\":\"").append(subscriber).append("\",\"dropped\":").append(1 + random.nextInt(500)).append('}');
      } else {
        start(out, "error", at, random, "stream/publisher.go:131", "publish failed");
        out.append(",\"subscriber\":\"").append(subscriber)
            .append("\",\"error\":\"write tcp 10.0.3.7:7070->10.0.9.").append(random.nextInt(2, 250))
            .append(':').append(random.nextInt(32_768, 61_000)).append(": write: broken pipe\",\"stacktrace\":");
        Text.appendQuoted(out, "main.(*Publisher).Publish\n\t/go/src/kwanza/stream/publisher.go:131\n"
            + "main.(*Handler).serve\n\t/go/src/kwanza/stream/handler.go:97\n"
            + "net/http.HandlerFunc.ServeHTTP\n\t/usr/local/go/src/net/http/server.go:2136");
        out.append('}');
      }
      records.add(new Rendered(at, out.toString()));
    }
    return FileContent.of(records);
  }

  private static void start(StringBuilder out, String level, long at, SplittableRandom random, String caller, String message) {
    out.append("{\"level\":\"").append(level).append("\",\"ts\":");
    Text.appendFixed(out, at * 1000 + random.nextInt(1000), 6);
    out.append(",\"caller\":\"").append(caller).append("\",\"msg\":\"").append(message).append('"');
  }

  @Override
  public Malformer malformer() {
    return new TimestampFieldMalformer(PREFIX, "\"ts\":", false, TimestampFieldMalformer::epochSecondsTo2090);
  }
}
