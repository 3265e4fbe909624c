package io.opslake.sampledata;

/**
 * One valid record as written: its event time and its text (several lines for a plain-text
 * record with a stack trace, without the final line terminator).
 */
record Rendered(long epochMillis, String text) {}
