package io.opslake.jobs.findings;

import io.opslake.jobs.anomaly.AnomalyScore;
import io.opslake.jobs.anomaly.DetectorParameters;
import io.opslake.jobs.anomaly.StreamingDetector;
import java.util.ArrayList;
import java.util.List;

/**
 * The anomalies of one hourly series on day D, judged causally: the {@link StreamingDetector} (one
 * parameter set, {@link DetectorParameters#DEFAULTS}, with no suppression because {@link
 * AlarmEpisodes} merges what lasts) learns from every present hour before D as its warm-up, then
 * scores the hours of D in order, each from the hours before it only; the scored hours of D are
 * merged into episodes (start at score ≥ the detector's threshold, 0.6; go on while ≥ {@link
 * #CONTINUATION}). Since D's verdicts depend only on hours up to them, and the warm-up ends at D,
 * tonight's run never changes yesterday's rows. A series with fewer than {@link #MIN_WARMUP_HOURS}
 * present hours before D is not judged.
 *
 * <p>Cost per series: O(hours × (contextHistory × contextLength + calibrationWindow)) time, about
 * 10 ms for 28 days of hours; memory bounded by the detector's windows.
 */
final class SeriesAnomalies {
  /** Present hours before D a series needs: 80 % of a week. */
  static final int MIN_WARMUP_HOURS = 134;

  /** Score at or above which a started episode goes on. */
  static final double CONTINUATION = 0.5;

  static final DetectorParameters PARAMETERS = DetectorParameters.DEFAULTS.withSuppression(0);

  private SeriesAnomalies() {}

  static List<AlarmEpisodes.Episode> onDay(HourlySeries.Dense series, long dayStartMillis) {
    int warmup = series.presentBefore(dayStartMillis);
    if (warmup < MIN_WARMUP_HOURS) {
      return List.of();
    }
    StreamingDetector detector = new StreamingDetector(PARAMETERS, warmup);
    List<AlarmEpisodes.Point> day = new ArrayList<>();
    double[] values = series.values();
    for (int i = 0; i < values.length; i++) {
      if (Double.isNaN(values[i])) {
        continue;
      }
      long at = series.startMillis() + i * HourlySeries.HOUR_MILLIS;
      AnomalyScore score = detector.score(at, values[i]);
      if (at >= dayStartMillis) {
        boolean changeLed = score.changePValue() < Math.min(score.residualPValue(), score.contextPValue());
        day.add(new AlarmEpisodes.Point(at, values[i], detector.lastExpected(), score.score(), changeLed));
      }
    }
    return AlarmEpisodes.merge(day, HourlySeries.HOUR_MILLIS, PARAMETERS.threshold(), CONTINUATION);
  }
}
