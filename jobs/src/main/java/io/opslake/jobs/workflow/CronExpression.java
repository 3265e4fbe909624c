package io.opslake.jobs.workflow;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a five-field cron expression (minute, hour, day of month, month, day of week) as Airflow
 * and cron accept it: {@code *}, numbers, ranges {@code a-b}, steps {@code * /n} and {@code a-b/n},
 * comma lists, and three-letter month and weekday names.
 */
final class CronExpression {
  private record Field(String name, int min, int max, List<String> names) {}

  private static final List<Field> FIELDS = List.of(
      new Field("minute", 0, 59, List.of()),
      new Field("hour", 0, 23, List.of()),
      new Field("day of month", 1, 31, List.of()),
      new Field("month", 1, 12, List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")),
      new Field("day of week", 0, 7, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")));

  private CronExpression() {}

  /** Why {@code expression} is not a valid cron expression, or empty when it is. */
  static Optional<String> problem(String expression) {
    String[] parts = expression.trim().split("\\s+");
    if (parts.length != FIELDS.size()) {
      return Optional.of("a cron expression has 5 fields (minute hour day month weekday), found " + parts.length);
    }
    for (int i = 0; i < parts.length; i++) {
      Field field = FIELDS.get(i);
      for (String item : parts[i].split(",", -1)) {
        Optional<String> problem = itemProblem(item, field);
        if (problem.isPresent()) {
          return problem;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> itemProblem(String item, Field field) {
    String range = item;
    int slash = item.indexOf('/');
    if (slash >= 0) {
      range = item.substring(0, slash);
      Integer step = number(item.substring(slash + 1), field);
      if (step == null || step < 1) {
        return Optional.of("bad step in " + field.name() + " field '" + item + "'");
      }
    }
    if (range.equals("*")) {
      return Optional.empty();
    }
    String[] bounds = range.split("-", -1);
    if (bounds.length > 2) {
      return Optional.of("bad " + field.name() + " field '" + item + "'");
    }
    for (String bound : bounds) {
      Integer value = number(bound, field);
      if (value == null) {
        return Optional.of("bad " + field.name() + " field '" + item + "'");
      }
      if (value < field.min() || value > field.max()) {
        return Optional.of(field.name() + " " + value + " is outside " + field.min() + "-" + field.max());
      }
    }
    return Optional.empty();
  }

  private static Integer number(String text, Field field) {
    int named = field.names().indexOf(text.toUpperCase(Locale.ROOT));
    if (named >= 0) {
      return named + field.min();
    }
    if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(Character::isDigit)) {
      return null;
    }
    return Integer.parseInt(text);
  }
}
