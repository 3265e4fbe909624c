package io.opslake.jobs.capacity;

import java.util.List;
import java.util.Locale;

/**
 * A demand forecast ({@link DemandForecaster}): the chosen model, its parameters and the forecast
 * per step with 80 % and 95 % prediction intervals.
 *
 * @param series what was forecast ("web peak-hour requests/s")
 * @param model the chosen model, e.g. {@code ETS(A,Ad,N)}
 * @param alpha level smoothing
 * @param beta trend smoothing (error-correction form); 0 without trend
 * @param gamma seasonal smoothing; 0 without season
 * @param phi damping; 1 without damping
 * @param points history points fitted
 * @param sigma standard deviation of the one-step errors
 * @param aicc the chosen model's AICc
 * @param compared the models compared by AICc
 * @param intervalMethod {@code analytic} (state-space variance) or {@code simulated} (sample paths),
 *     with {@code +conformal} when the split-conformal interval was wider at some step
 * @param calibrationOrigins forecast origins whose out-of-sample errors calibrated the intervals
 *     (the second half of the history; 0 when the history was too short)
 * @param forecast one entry per step ahead
 */
public record DemandForecast(
    String series, String model, double alpha, double beta, double gamma, double phi, int points, double sigma,
    double aicc, List<String> compared, String intervalMethod, int calibrationOrigins,
    List<Point> forecast) {
  public DemandForecast {
    compared = List.copyOf(compared);
    forecast = List.copyOf(forecast);
  }

  /**
   * One forecast step.
   *
   * @param step steps (weeks) ahead, from 1
   * @param mean the point forecast (the median of a Gaussian forecast distribution)
   * @param lower80 lower end of the 80 % interval
   * @param upper80 upper end of the 80 % interval
   * @param lower95 lower end of the 95 % interval
   * @param upper95 upper end of the 95 % interval
   */
  public record Point(int step, double mean, double lower80, double upper80, double lower95, double upper95) {}

  /** One sentence for a planner about the last forecast week. */
  public String sentence() {
    Point last = forecast.get(forecast.size() - 1);
    return String.format(Locale.ROOT,
        "%s in %d weeks: %.4g (95 %% interval %.4g – %.4g; %s chosen by AICc from %d models on %d weeks)", series,
        last.step(), last.mean(), last.lower95(), last.upper95(), model, compared.size(), points);
  }
}
