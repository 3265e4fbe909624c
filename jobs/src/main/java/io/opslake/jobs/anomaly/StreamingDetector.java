package io.opslake.jobs.anomaly;

import java.io.Serializable;

/**
 * A causal, online anomaly detector for one series: feed its points in time order to
 * {@link #score}, get a score in [0, 1] and an alarm flag per point, each computed from that point
 * and the ones before it only.
 *
 * <p>Three sub-scores look at each point: a robust residual against a seasonal (or recent) median
 * baseline ({@link SeasonalResidual}), the novelty of its recent context among past contexts
 * ({@link ContextNovelty}), and a CUSUM of robust-standardised values for level shifts
 * ({@link LevelShift}). Each raw sub-score becomes a conformal p-value against the same sub-score's
 * own recent past ({@link TailProbability}), so one parameter set fits series of any scale; the
 * anomaly score is {@code 1 - min(1, 3 × min p)} (Bonferroni over the three). The first
 * {@code warmupPoints} points are a warm-up: the detector learns from them (and at its end decides
 * from them whether the series has a daily or weekly period) but never raises an alarm. After an
 * alarm, the series raises none for {@code suppression} points, so one anomaly that lasts gives one
 * alarm. Method and references: docs/algorithms.md.
 *
 * <p>Memory per series is bounded whatever its length: the warm-up points until the warm-up ends,
 * then each sub-score's window (see the sub-detectors) and {@code 3 × calibrationWindow} past raw
 * scores; with the defaults about 250 KiB for a 5-minute series. Time per point is
 * O(contextHistory × contextLength + calibrationWindow). The object is serializable, so it can be
 * the state of a per-series group in Spark. Not thread-safe.
 */
public final class StreamingDetector implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int SUB_SCORES = 3;
  private static final double SCORE_DECADES = 5;

  private final DetectorParameters parameters;
  private final int warmupPoints;
  private final SeasonalResidual residual;
  private final ContextNovelty context;
  private final LevelShift change;
  private final TailProbability residualRank;
  private final TailProbability contextRank;
  private final TailProbability changeRank;
  private long[] warmupTimes;
  private double[] warmupValues;
  private long seen;
  private long quietUntil;

  /**
   * @param parameters the detector's parameters ({@link DetectorParameters#DEFAULTS})
   * @param warmupPoints points to learn from before any alarm (the CLI: 15 % of the rows, at most 750)
   */
  public StreamingDetector(DetectorParameters parameters, int warmupPoints) {
    if (warmupPoints < 0) {
      throw new IllegalArgumentException("warmupPoints must not be negative: " + warmupPoints);
    }
    this.parameters = parameters;
    this.warmupPoints = warmupPoints;
    this.residual = new SeasonalResidual(parameters);
    this.context = new ContextNovelty(parameters);
    this.change = new LevelShift(parameters);
    this.residualRank = new TailProbability(parameters.calibrationWindow());
    this.contextRank = new TailProbability(parameters.calibrationWindow());
    this.changeRank = new TailProbability(parameters.calibrationWindow());
    this.warmupTimes = new long[warmupPoints];
    this.warmupValues = new double[warmupPoints];
  }

  /** The warm-up length the CLI uses for a series of {@code rows} points: 15 %, at most 750. */
  public static int warmupFor(long rows) {
    return (int) Math.min(750, (long) Math.floor(0.15 * rows));
  }

  /** Scores the next point of the series; {@code value} must be finite. */
  public AnomalyScore score(long epochMillis, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite: " + value);
    }
    double residualP = residualRank.pValue(residual.raw(epochMillis, value));
    double contextP = contextRank.pValue(context.raw(value));
    double changeP = changeRank.pValue(change.raw(value));
    double smallest = Math.min(residualP, Math.min(contextP, changeP));
    double score = surprise(smallest);
    boolean warmingUp = seen < warmupPoints;
    if (warmingUp) {
      warmupTimes[(int) seen] = epochMillis;
      warmupValues[(int) seen] = value;
    }
    seen++;
    if (seen == warmupPoints) {
      endWarmup();
    }
    boolean alarm = !warmingUp && seen > quietUntil && score >= parameters.threshold();
    if (alarm) {
      quietUntil = seen + parameters.suppression();
    }
    return new AnomalyScore(score, alarm, residualP, contextP, changeP);
  }

  /**
   * The anomaly score of the smallest sub-score p-value: the Bonferroni-combined p-value
   * {@code min(1, 3 p)} on a log scale, {@code -log10(min(1, 3 p)) / 5} clipped to [0, 1], so 0.5
   * is a combined p-value of about 0.003 and 1 is 1e-5 or less.
   */
  static double surprise(double smallestPValue) {
    double combined = Math.min(1, SUB_SCORES * smallestPValue);
    return Math.max(0, Math.min(1, -Math.log10(combined) / SCORE_DECADES));
  }

  /**
   * The value the last scored point was expected to have: its seasonal (or recent) median baseline
   * from {@link SeasonalResidual}, computed before that point was learnt; NaN before the first.
   */
  public double lastExpected() {
    return residual.lastBaseline();
  }

  /** The season found at the end of the warm-up in milliseconds, or 0 for none (or not yet). */
  public long periodMillis() {
    return residual.periodMillis();
  }

  private void endWarmup() {
    long step = SeasonalResidual.typicalStep(warmupTimes, warmupPoints);
    long period = SeasonalResidual.detectPeriod(
        warmupTimes, warmupValues, warmupPoints, step, parameters.minimumAutocorrelation());
    if (period > 0) {
      residual.useSeason(period, step, warmupTimes, warmupValues, warmupPoints);
    }
    warmupTimes = null;
    warmupValues = null;
  }
}
