package io.opslake.sampledata;

import java.util.List;

/**
 * One planted restart of a leaking API service.
 *
 * @param host API host whose service restarted
 * @param epochMillis when the new process started (the {@code app_start} event's timestamp)
 * @param previousPid process id before the restart
 * @param pid process id after the restart
 * @param errorOffsetsMillis when the leak errors follow, in ms after {@code epochMillis}, ascending
 */
record Restart(String host, long epochMillis, int previousPid, int pid, List<Long> errorOffsetsMillis) {
  Restart {
    errorOffsetsMillis = List.copyOf(errorOffsetsMillis);
  }
}
