package io.opslake.jobs.workflow;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the descriptors' durations: {@code 0s}, {@code 90s}, {@code 5m}, {@code 2h}, {@code 1h30m}, {@code 1d}. */
public final class Durations {
  private static final Pattern WHOLE = Pattern.compile("([0-9]+[dhms])+");
  private static final Pattern PART = Pattern.compile("([0-9]+)([dhms])");

  private Durations() {}

  /** The duration, or empty when {@code text} is not of the form above. */
  public static Optional<Duration> parse(String text) {
    if (text == null || !WHOLE.matcher(text).matches()) {
      return Optional.empty();
    }
    Duration total = Duration.ZERO;
    Matcher part = PART.matcher(text);
    while (part.find()) {
      long amount = Long.parseLong(part.group(1));
      total = total.plus(switch (part.group(2)) {
        case "d" -> Duration.ofDays(amount);
        case "h" -> Duration.ofHours(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofSeconds(amount);
      });
    }
    return Optional.of(total);
  }
}
