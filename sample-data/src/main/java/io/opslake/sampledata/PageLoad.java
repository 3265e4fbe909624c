package io.opslake.sampledata;

/** One planned page load: when, how long it took, and which page ({@code /page<page>}). */
record PageLoad(long epochMillis, int executionMillis, int page) {}
