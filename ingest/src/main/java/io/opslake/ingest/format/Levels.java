package io.opslake.ingest.format;

import java.util.Locale;

/**
 * Maps the severity words and numbers producers write onto opslake's six lower-case levels:
 * trace, debug, info, warn, error, fatal. Words from Logback/Log4j, java.util.logging, syslog and
 * zap are understood; anything else yields null so the caller can keep the raw value.
 */
public final class Levels {
  private Levels() {}

  /** The canonical level for a severity word, or null when the word is not a known level. */
  public static String normalize(String raw) {
    if (raw == null) {
      return null;
    }
    String canonical = canonical(raw);
    return canonical != null ? canonical : canonical(raw.trim().toLowerCase(Locale.ROOT));
  }

  private static String canonical(String word) {
    switch (word) {
      case "trace":
      case "finest":
      case "finer":
        return "trace";
      case "debug":
      case "fine":
      case "config":
        return "debug";
      case "info":
      case "information":
      case "informational":
      case "notice":
        return "info";
      case "warn":
      case "warning":
        return "warn";
      case "error":
      case "err":
      case "severe":
      case "dpanic":
        // zap's dpanic panics only in development builds; in production it is an error
        return "error";
      case "fatal":
      case "panic":
      case "critical":
      case "crit":
      case "alert":
      case "emerg":
      case "emergency":
        return "fatal";
      default:
        return null;
    }
  }

  /**
   * The level for a syslog priority "0".."7" as journald writes it: 0-2 (emerg, alert, crit)
   * fatal, 3 error, 4 warn, 5-6 (notice, info) info, 7 debug; null for anything else.
   */
  public static String fromSyslogPriority(String priority) {
    if (priority == null || priority.length() != 1) {
      return null;
    }
    switch (priority.charAt(0)) {
      case '0':
      case '1':
      case '2':
        return "fatal";
      case '3':
        return "error";
      case '4':
        return "warn";
      case '5':
      case '6':
        return "info";
      case '7':
        return "debug";
      default:
        return null;
    }
  }
}
