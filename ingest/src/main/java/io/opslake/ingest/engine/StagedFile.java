package io.opslake.ingest.engine;

import java.io.Serializable;

/** A Parquet file a task wrote into the run's staging area, waiting for the commit. */
public record StagedFile(String table, String dt, String stagingPath, long rows) implements Serializable {}
