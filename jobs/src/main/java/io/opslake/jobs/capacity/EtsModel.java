package io.opslake.jobs.capacity;

/**
 * One exponential smoothing model of the ETS family with additive errors (Hyndman et al. 2008):
 * its trend and seasonal components and the seasonal period.
 *
 * @param trend none, additive (Holt) or additive damped
 * @param season none, additive or multiplicative (Holt–Winters)
 * @param period observations per season; 1 when {@code season} is NONE
 */
public record EtsModel(Trend trend, Season season, int period) {
  /** The trend component. */
  public enum Trend { NONE, ADDITIVE, DAMPED }

  /** The seasonal component. */
  public enum Season { NONE, ADDITIVE, MULTIPLICATIVE }

  public EtsModel {
    if (season == Season.NONE) {
      period = 1;
    } else if (period < 2) {
      throw new IllegalArgumentException("a seasonal model needs a period of at least 2, got " + period);
    }
  }

  /** A model without seasonality. */
  public static EtsModel nonSeasonal(Trend trend) {
    return new EtsModel(trend, Season.NONE, 1);
  }

  public boolean hasTrend() {
    return trend != Trend.NONE;
  }

  public boolean seasonal() {
    return season != Season.NONE;
  }

  /**
   * Parameters estimated from the data, as counted by AICc: the smoothing parameters, φ, the
   * initial level and trend, and m − 1 free initial seasonal states (they sum to 0, or average 1).
   */
  public int estimatedParameters() {
    int count = 2; // α and the initial level
    if (hasTrend()) {
      count += 2; // β and the initial trend
    }
    if (trend == Trend.DAMPED) {
      count += 1;
    }
    if (seasonal()) {
      count += 1 + period - 1; // γ and the initial seasonal states
    }
    return count;
  }

  /** Hyndman's notation with additive errors: {@code ETS(A,Ad,M)}. */
  public String label() {
    String t = switch (trend) {
      case NONE -> "N";
      case ADDITIVE -> "A";
      case DAMPED -> "Ad";
    };
    String s = switch (season) {
      case NONE -> "N";
      case ADDITIVE -> "A";
      case MULTIPLICATIVE -> "M";
    };
    return "ETS(A," + t + "," + s + ")" + (seasonal() ? "[" + period + "]" : "");
  }
}
