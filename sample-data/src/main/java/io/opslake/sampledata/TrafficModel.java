package io.opslake.sampledata;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * The planted demand and capacity: a load factor per hour (weekly growth × daily seasonality ×
 * weekly seasonality), the autoscaled web fleet that follows it, and the page loads it causes.
 *
 * <pre>
 *   load(t)     = (1 + weeklyGrowth)^(t / 168 h) × (1 + dailyAmplitude × cos(2π (hourOfDay − peakHour) / 24)) × (weekend ? weekendFactor : 1)
 *   servers(t)  = clamp(ceil(hosts × load(t) / scaleOutLoad), hosts, 2 × hosts)
 *   webLoads(t) = pageLoadsPerHostHour × hosts × load(t)          (expected, all web servers)
 *   perServer(t)= webLoads(t) / servers(t)
 *   apiPerHost(t)= pageLoadsPerHostHour × apiShare × load(t)
 * </pre>
 */
record TrafficModel(int hosts, int pageLoadsPerHostHour, LocalDate start) {
  static final double WEEKLY_GROWTH = 0.04;
  static final double DAILY_AMPLITUDE = 0.8;
  static final int PEAK_HOUR_UTC = 15;
  static final double WEEKEND_FACTOR = 0.6;
  static final double SCALE_OUT_LOAD = 0.95;
  static final double API_SHARE = 0.25;

  /** Load factor of the hour {@code hourIndex} counted from the start (hour 0 = start 00:00 UTC). */
  double load(int hourIndex) {
    double growth = Math.pow(1 + WEEKLY_GROWTH, hourIndex / 168.0);
    int hourOfDay = hourIndex % 24;
    double daily = 1 + DAILY_AMPLITUDE * Math.cos(2 * Math.PI * (hourOfDay - PEAK_HOUR_UTC) / 24.0);
    DayOfWeek dayOfWeek = start.plusDays(hourIndex / 24).getDayOfWeek();
    boolean weekend = dayOfWeek == DayOfWeek.SATURDAY || dayOfWeek == DayOfWeek.SUNDAY;
    return growth * daily * (weekend ? WEEKEND_FACTOR : 1.0);
  }

  /** Web servers in service during the hour; web hosts 1..servers are the ones in service. */
  int servers(int hourIndex) {
    int wanted = (int) Math.ceil(hosts * load(hourIndex) / SCALE_OUT_LOAD - 1e-9);
    return Math.max(hosts, Math.min(2 * hosts, wanted));
  }

  double expectedWebPageLoads(int hourIndex) {
    return (double) pageLoadsPerHostHour * hosts * load(hourIndex);
  }

  double webPageLoadsPerServer(int hourIndex) {
    return expectedWebPageLoads(hourIndex) / servers(hourIndex);
  }

  double apiPageLoadsPerHost(int hourIndex) {
    return pageLoadsPerHostHour * API_SHARE * load(hourIndex);
  }

  /** The most web servers in service during any hour of day {@code day}. */
  int maxServersOnDay(int day) {
    int max = 0;
    for (int hour = day * 24; hour < day * 24 + 24; hour++) {
      max = Math.max(max, servers(hour));
    }
    return max;
  }
}
