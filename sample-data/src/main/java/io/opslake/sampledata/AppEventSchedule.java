package io.opslake.sampledata;

import io.opslake.sampledata.AppEvent.InfoField;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The application events of one host-day, in time order: the planned page loads, the 404s and
 * other exceptions some of them raise, the extra exceptions of an incident, the periodic GCs, and on API hosts the restarts
 * ({@code app_start}) with the connection-leak errors that follow them.
 */
final class AppEventSchedule {
  static final double NOT_FOUND_PROBABILITY = 0.01;
  static final double OTHER_EXCEPTION_PROBABILITY = 0.002;
  static final String VERSION = "2.4.1";
  private static final List<String> PAGE_LOAD_TAGS = List.of("metrics", "performance");
  private static final List<String> ERROR_TAGS = List.of("error");
  private static final List<String> GC_TAGS = List.of("metrics", "gc");
  private static final List<String> LIFECYCLE_TAGS = List.of("lifecycle");
  private static final long HEAP_MAX = 4L * 1024 * 1024 * 1024;

  private final ScenarioPlan plan;

  AppEventSchedule(ScenarioPlan plan) {
    this.plan = plan;
  }

  List<AppEvent> events(String host, int day, SplittableRandom random) {
    List<AppEvent> events = new ArrayList<>();
    List<PageLoad> loads = plan.pageLoads(host, day);
    for (PageLoad load : loads) {
      String url = "http://mysite.com/page" + load.page();
      events.add(event(load.epochMillis(), random, "page_load", PAGE_LOAD_TAGS,
          List.of(InfoField.fixed("execution_time", load.executionMillis(), 3), InfoField.text("url", url)), false));
      double draw = random.nextDouble();
      long failedAt = load.epochMillis() + 1 + random.nextInt(30);
      if (draw < NOT_FOUND_PROBABILITY) {
        String path = Backtraces.notFoundPath(random);
        events.add(exception(failedAt, random, "Not Found: " + path, "clojure.lang.ExceptionInfo",
            Backtraces.notFound(path), "http://mysite.com" + path, true));
      } else if (draw < NOT_FOUND_PROBABILITY + OTHER_EXCEPTION_PROBABILITY) {
        boolean npe = random.nextBoolean();
        events.add(exception(failedAt, random,
            npe ? "Cannot invoke \"String.length()\" because \"name\" is null" : "Read timed out",
            npe ? "java.lang.NullPointerException" : "java.net.SocketTimeoutException",
            npe ? Backtraces.nullPointer() : Backtraces.timeout(), url, false));
      }
    }
    // Incident exceptions draw from their own stream, so the host-day's other events stay the same.
    SplittableRandom incidentRandom = RandomStreams.stream(plan.options().seed(), "incident_events", host, day);
    for (long at : plan.incidents().extraExceptionTimes(host, plan.dayStartMillis(day), loads)) {
      events.add(exception(at, incidentRandom, "Read timed out", "java.net.SocketTimeoutException",
          Backtraces.timeout(), "http://mysite.com/page" + incidentRandom.nextInt(50), false));
    }
    for (long at : plan.gcTimes(host, day)) {
      boolean old = random.nextInt(20) == 0;
      long heapUsed = (long) (HEAP_MAX * (0.35 + 0.4 * random.nextDouble()));
      long pauseTenths = old ? 1500 + random.nextInt(3000) : 40 + random.nextInt(400);
      events.add(event(at, random, "gc", GC_TAGS, List.of(
          InfoField.text("collector", old ? "G1 Old Generation" : "G1 Young Generation"),
          InfoField.fixed("pause_ms", pauseTenths, 1),
          InfoField.number("heap_used", heapUsed),
          InfoField.number("heap_max", HEAP_MAX)), false));
    }
    for (Restart restart : plan.restartsOn(host, day)) {
      events.add(event(restart.epochMillis(), random, "app_start", LIFECYCLE_TAGS,
          List.of(InfoField.text("version", VERSION)), false));
    }
    for (long at : plan.leakErrorTimes(host, day)) {
      boolean files = Backtraces.leakErrorIsTooManyOpenFiles(at);
      events.add(event(at, random, "error", ERROR_TAGS, List.of(
          InfoField.text("message", files ? Backtraces.TOO_MANY_OPEN_FILES : Backtraces.UNKNOWN_HOST),
          InfoField.text("backtrace", files ? Backtraces.tooManyOpenFiles() : Backtraces.unknownHost())), false));
    }
    events.sort(Comparator.comparingLong(AppEvent::timestamp));
    return events;
  }

  private static AppEvent exception(long at, SplittableRandom random, String message, String exceptionClass,
      String backtrace, String url, boolean notFound) {
    return event(at, random, "exception", ERROR_TAGS, List.of(
        InfoField.text("message", message),
        InfoField.text("exception_class", exceptionClass),
        InfoField.text("backtrace", backtrace),
        InfoField.text("url", url)), notFound);
  }

  private static AppEvent event(long at, SplittableRandom random, String type, List<String> tags,
      List<InfoField> info, boolean notFound) {
    return new AppEvent(at, at + 20 + random.nextInt(881), type, tags, info, notFound);
  }
}
