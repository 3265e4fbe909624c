/**
 * The per-series statistics behind the coming {@code findings} job: trend (Theil–Sen, Mann–Kendall),
 * multiple testing (Benjamini–Hochberg), seasonality (STL), periodicity, lagged correlation and level
 * shifts. Plain Java without Spark; the job distributes them per series. Methods, costs and the
 * published results they are tested against: docs/algorithms.md.
 */
package io.opslake.jobs.findings;
