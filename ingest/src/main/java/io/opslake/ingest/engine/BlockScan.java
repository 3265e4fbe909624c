package io.opslake.ingest.engine;

import io.opslake.ingest.format.InputFormat;
import java.io.Serializable;

/**
 * What the first pass learned about one block: its content hash, its newline count (to number
 * the lines of the next blocks), and for block 0 whether the file is gzip and which format its
 * first lines look like.
 *
 * @param detected the detected format, or null (only set on block 0)
 * @param gzip whether the file starts with the gzip magic bytes (only meaningful on block 0)
 * @param sampleProblem why the sample could not be read (e.g. corrupt gzip), or null
 */
public record BlockScan(
    FileBlock block, String md5, long newlines, boolean gzip, InputFormat detected, String sampleProblem)
    implements Serializable {}
