package io.opslake.ingest.format.journald;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which journald fields identify the emitter, and under which label name opslake stores them:
 * systemd's trusted fields ({@code _SYSTEMD_UNIT} → unit, {@code _PID} → pid, ...), Docker's
 * journald log driver fields ({@code CONTAINER_ID}, {@code CONTAINER_NAME}) and the task
 * identifiers DC/OS and Mesos add ({@code AGENT_ID} → agent_id, {@code TASK_ID} → task_id, ...).
 */
final class JournaldLabels {
  private static final Map<String, String> LABELS =
      Map.ofEntries(
          Map.entry("_SYSTEMD_UNIT", "unit"),
          Map.entry("_PID", "pid"),
          Map.entry("SYSLOG_IDENTIFIER", "syslog_identifier"),
          Map.entry("_COMM", "comm"),
          Map.entry("CONTAINER_ID", "container_id"),
          Map.entry("CONTAINER_ID_FULL", "container_id"),
          Map.entry("CONTAINER_NAME", "container_name"),
          Map.entry("_BOOT_ID", "boot_id"),
          Map.entry("_MACHINE_ID", "machine_id"),
          Map.entry("AGENT_ID", "agent_id"),
          Map.entry("EXECUTOR_ID", "executor_id"),
          Map.entry("FRAMEWORK_ID", "framework_id"),
          Map.entry("FRAMEWORK_NAME", "framework_name"),
          Map.entry("APPLICATION_NAME", "application_name"),
          Map.entry("TASK_ID", "task_id"));

  private JournaldLabels() {}

  /** The label a journald field becomes, or null when it is an attribute. */
  static String labelFor(String field) {
    return LABELS.get(field);
  }

  /**
   * Journald field → value, renamed to labels. When an entry has both {@code CONTAINER_ID} (Docker's
   * 12-character prefix of the id) and {@code CONTAINER_ID_FULL}, the full id wins.
   */
  static Map<String, String> rename(Map<String, String> fields) {
    Map<String, String> labels = new LinkedHashMap<>(fields.size() * 2);
    for (Map.Entry<String, String> field : fields.entrySet()) {
      String label = LABELS.get(field.getKey());
      if (!(field.getKey().equals("CONTAINER_ID") && fields.containsKey("CONTAINER_ID_FULL"))) {
        labels.put(label, field.getValue());
      }
    }
    return labels;
  }
}
