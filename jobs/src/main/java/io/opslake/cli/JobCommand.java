package io.opslake.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;

/**
 * A command that runs one job through {@link io.opslake.jobs.Jobs}: it turns its arguments into
 * the job's validated options record, calls the facade and prints the result. From the command
 * line ({@link #call()}) the options are validated before the SparkSession starts, so a usage
 * error costs no Spark start-up; the workflow runner calls {@link #run(SparkSession, PrintWriter,
 * PrintWriter)} on the session it shares across steps and sees a failure as the job's typed
 * exception rather than an exit code.
 *
 * @param <O> the job's options record
 */
abstract class JobCommand<O> implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The config file the workflow runner was given; null: locate it ({@link #config()}). */
  private OpslakeConfig config;

  /**
   * The config file's settings: the one the workflow runner passed down ({@code workflow run
   * --config}), else {@code $OPSLAKE_CONFIG}, else {@code ./opslake.yaml}, else none.
   */
  final OpslakeConfig config() throws java.io.IOException {
    if (config == null) {
      config = OpslakeConfig.locate(null, System.getenv(), java.nio.file.Path.of(""));
    }
    return config;
  }

  /** Makes {@link #config()} answer {@code settings} (the workflow runner's config). */
  final void useConfig(OpslakeConfig settings) {
    this.config = settings;
  }

  /** The job's options from the parsed arguments; a bad value is an {@code OpslakeException} usage error. */
  abstract O options() throws java.io.IOException;

  /** Runs the job on {@code spark} through the facade, printing its summary to {@code out}. */
  abstract void run(SparkSession spark, O options, PrintWriter out, PrintWriter err) throws Exception;

  @Override
  public Integer call() throws Exception {
    O options = options();
    run(SparkSessions.create("opslake " + spec.name()), options, spec.commandLine().getOut(),
        spec.commandLine().getErr());
    return 0;
  }

  /** Runs the job on a session the caller owns (the workflow runner's). */
  final void run(SparkSession spark, PrintWriter out, PrintWriter err) throws Exception {
    run(spark, options(), out, err);
  }
}
