package io.opslake.sampledata;

import java.util.ArrayList;
import java.util.List;

/**
 * What the host statistics captures plant, as pure functions of the {@link ScenarioPlan}:
 *
 * <ul>
 *   <li><b>A filling disk.</b> {@code /var/log} of the first web host grows from {@link
 *       #FILLING_START_BYTES} at {@link #FILLING_RATE_BYTES_PER_HOUR}, until it is full.
 *   <li><b>The descriptor leak.</b> The API service (the same pids and restarts as the connection
 *       leak of {@link ScenarioPlan#restarts()}) holds {@link #BASELINE_UDP} UDP sockets plus {@link
 *       #LEAKED_UDP_PER_MINUTE} per minute since its process started (the scenario start for the
 *       first process), so lsof shows thousands of UDP descriptors on one pid before each restart.
 * </ul>
 */
final class HostStatsFacts {
  static final String FILLING_MOUNT = "/var/log";
  static final String FILLING_FILESYSTEM = "/dev/nvme1n1";
  static final long FILLING_SIZE_BYTES = 64L << 30;
  static final long FILLING_START_BYTES = 6L << 30;
  static final long FILLING_RATE_BYTES_PER_HOUR = 256L << 20;
  static final int BASELINE_UDP = 2;
  static final int LEAKED_UDP_PER_MINUTE = 10;
  static final long SNAPSHOT_MILLIS = 15 * 60_000L;
  static final long LSOF_SNAPSHOT_MILLIS = ScenarioPlan.HOUR_MILLIS;
  static final long LSOF_OFFSET_MILLIS = 30 * 60_000L;

  /** One life of the API process on a host: from its start (or the scenario start) to the next restart (or the end). */
  record ApiProcess(String host, int pid, long startMillis, long endMillis) {}

  private final ScenarioPlan plan;

  HostStatsFacts(ScenarioPlan plan) {
    this.plan = plan;
  }

  String fillingHost() {
    return plan.webHosts().get(0);
  }

  /** Bytes used on {@code /var/log} of the filling host at {@code epochMillis}. */
  long fillingUsedBytes(long epochMillis) {
    long grown = (epochMillis - plan.startMillis()) * FILLING_RATE_BYTES_PER_HOUR / ScenarioPlan.HOUR_MILLIS;
    return Math.min(FILLING_SIZE_BYTES, FILLING_START_BYTES + grown);
  }

  /** When the disk is full, in epoch ms. */
  long fillingFullAtMillis() {
    return plan.startMillis() + (FILLING_SIZE_BYTES - FILLING_START_BYTES) * ScenarioPlan.HOUR_MILLIS / FILLING_RATE_BYTES_PER_HOUR;
  }

  /** The start of the API process running on {@code host} at {@code epochMillis}. */
  long apiStartMillis(String host, long epochMillis) {
    long start = plan.startMillis();
    for (Restart restart : plan.restarts()) {
      if (restart.host().equals(host) && restart.epochMillis() <= epochMillis) {
        start = restart.epochMillis();
      }
    }
    return start;
  }

  /** UDP descriptors of the API process on {@code host} at {@code epochMillis}. */
  int udpDescriptors(String host, long epochMillis) {
    return BASELINE_UDP + (int) ((epochMillis - apiStartMillis(host, epochMillis)) / 60_000L) * LEAKED_UDP_PER_MINUTE;
  }

  /** Every API process life, by host then start. */
  List<ApiProcess> apiProcesses() {
    List<ApiProcess> processes = new ArrayList<>();
    for (String host : plan.apiHosts()) {
      long start = plan.startMillis();
      int pid = ScenarioPlan.initialPid(host);
      for (Restart restart : plan.restarts()) {
        if (restart.host().equals(host)) {
          processes.add(new ApiProcess(host, pid, start, restart.epochMillis()));
          start = restart.epochMillis();
          pid = restart.pid();
        }
      }
      processes.add(new ApiProcess(host, pid, start, plan.endMillis()));
    }
    return processes;
  }

  /** lsof capture times of a day: every hour at half past. */
  List<Long> lsofTimes(int day) {
    List<Long> times = new ArrayList<>();
    for (long at = plan.dayStartMillis(day) + LSOF_OFFSET_MILLIS; at < plan.dayStartMillis(day) + ScenarioPlan.DAY_MILLIS;
        at += LSOF_SNAPSHOT_MILLIS) {
      times.add(at);
    }
    return times;
  }

  /** The UDP descriptors the last lsof capture of a process saw, or -1 when none saw it. */
  int lastCapturedUdp(ApiProcess process) {
    long last = -1;
    for (long at = plan.startMillis() + LSOF_OFFSET_MILLIS; at < plan.endMillis(); at += LSOF_SNAPSHOT_MILLIS) {
      if (at >= process.startMillis() && at < process.endMillis()) {
        last = at;
      }
    }
    return last < 0 ? -1 : udpDescriptors(process.host(), last);
  }
}
