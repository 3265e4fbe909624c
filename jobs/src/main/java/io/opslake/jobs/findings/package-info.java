/**
 * The {@code findings} job ({@link io.opslake.jobs.findings.FindingsJob}: trends, novelty,
 * seasonality and anomalies so far) and the per-series statistics behind it: trend (Theil–Sen,
 * Mann–Kendall), multiple testing (Benjamini–Hochberg), seasonality (STL), periodicity, lagged
 * correlation, level shifts, anomaly episodes and fleet outliers. The
 * statistics and {@link io.opslake.jobs.findings.SeriesTrends} are plain Java without Spark; {@code
 * FindingsJob}, {@code TrendFindings} and {@code NoveltyFindings} distribute them per series. Methods,
 * costs and the published results they are tested against: docs/algorithms.md; the tables' rules:
 * docs/findings.md.
 */
package io.opslake.jobs.findings;
