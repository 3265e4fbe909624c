package io.opslake.jobs.anomaly;

/**
 * What {@link DetectJob} did.
 *
 * @param rowsRead data rows in the input (the header not counted)
 * @param rowsWritten rows written to the output: always {@code rowsRead}
 * @param anomalies rows flagged as anomalies
 * @param rowsWarned rows warned about (an empty or non-numeric value, a duplicate or out-of-order time)
 * @param warmupRows rows of the warm-up, in which nothing is flagged
 * @param periodSeconds the season found in the warm-up in seconds (86400, 604800), or 0 for none
 */
public record DetectResult(
    long rowsRead, long rowsWritten, long anomalies, long rowsWarned, int warmupRows, long periodSeconds) {}
