package io.opslake.cli;

import java.io.PrintWriter;
import org.apache.spark.sql.SparkSession;

/**
 * A command that runs one job through {@link io.opslake.jobs.Jobs}: it validates its options,
 * calls the facade with the session it is given and prints the result. The command line runs it
 * on a new session ({@link #call()}); the workflow runner runs a step's command on the session it
 * shares across steps, and sees a failure as the typed exception the job raised rather than an
 * exit code.
 */
interface JobCommand {
  /** Runs the job on {@code spark}, printing the summary to {@code out} and progress to {@code err}. */
  void run(SparkSession spark, PrintWriter out, PrintWriter err) throws Exception;
}
