package io.opslake.cli;

import io.opslake.errors.ErrorCategory;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.catalyst.parser.ParseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code opslake} command: a thin adapter from arguments to job options, job, result, summary
 * and exit code (0 ok, 1 failed, 2 usage error). Every job is reachable from the subcommand list
 * below.
 */
@Command(
    name = "opslake",
    mixinStandardHelpOptions = true,
    version = "opslake 0.1.0",
    description = "Batch analytics for production monitoring data, on Apache Spark.",
    subcommands = {
      IngestCommand.class,
      RatesCommand.class,
      QueryCommand.class,
      TablesCommand.class,
      GenerateCommand.class,
      DemoCommand.class,
      PatternsCommand.class,
      DetectCommand.class,
      TemplatesCommand.class,
      ReclassifyCommand.class,
      RepetitionCommand.class,
      WorkflowCommand.class,
    })
public final class OpslakeCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command");
  }

  public static void main(String[] args) {
    System.exit(execute(args, System.out, System.err));
  }

  /** Runs the CLI and returns its exit code; used by main and by tests. */
  public static int execute(String[] args, PrintStream out, PrintStream err) {
    return execute(args, new PrintWriter(out, true, StandardCharsets.UTF_8),
        new PrintWriter(err, true, StandardCharsets.UTF_8));
  }

  /** Runs the CLI writing to {@code out} and {@code err}; the workflow runner runs its steps this way. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new OpslakeCli());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setDefaultValueProvider(OpslakeCli::defaultValue);
    commandLine.setExitCodeExceptionMapper(OpslakeCli::exitCodeOf);
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parseResult) -> {
          ErrorCategory category = categoryOf(exception);
          cmd.getErr().println("opslake " + cmd.getCommandName() + ": " + messageOf(exception));
          if (category == ErrorCategory.INTERNAL) {
            exception.printStackTrace(cmd.getErr());
          }
          cmd.getErr().flush();
          return category.exitCode();
        });
    int exitCode = commandLine.execute(args);
    commandLine.getOut().flush();
    commandLine.getErr().flush();
    return exitCode;
  }

  /**
   * Every {@code --warehouse} without a value on the command line defaults to
   * {@code $OPSLAKE_WAREHOUSE}, else {@code warehouse:} in the config file ({@code $OPSLAKE_CONFIG}
   * or {@code ./opslake.yaml}), else {@code ./warehouse}. The workflow commands' own
   * {@code --config} is applied by those commands.
   */
  private static String defaultValue(CommandLine.Model.ArgSpec argument) throws java.io.IOException {
    if (argument instanceof CommandLine.Model.OptionSpec option && option.longestName().equals("--warehouse")
        && !(option.command().userObject() instanceof WorkflowCommand.Run)) {
      return OpslakeConfig.locate(null, System.getenv(), java.nio.file.Path.of("")).defaultWarehouse(System.getenv());
    }
    return null;
  }

  private static int exitCodeOf(Throwable exception) {
    return categoryOf(exception).exitCode();
  }

  static ErrorCategory categoryOf(Throwable exception) {
    if (io.opslake.errors.OpslakeException.find(exception) != null) {
      return io.opslake.errors.OpslakeException.categoryOf(exception);
    }
    if (exception instanceof CommandLine.ParameterException
        || exception instanceof IllegalArgumentException
        || exception instanceof AnalysisException
        || exception instanceof ParseException) {
      return ErrorCategory.USAGE;
    }
    if (exception instanceof java.io.IOException || exception instanceof java.io.UncheckedIOException) {
      return ErrorCategory.EXTERNAL;
    }
    return ErrorCategory.INTERNAL;
  }

  private static String messageOf(Throwable exception) {
    if (exception instanceof AnalysisException analysis) {
      // Spark's own message, without the plan dump that follows it in getMessage().
      return analysis.getSimpleMessage();
    }
    String message = exception.getMessage();
    return message == null ? exception.toString() : message;
  }
}
