package io.opslake.cli;

import io.opslake.errors.ErrorCategory;
import io.opslake.errors.OpslakeException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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
      SqlCommand.class,
      ServeCommand.class,
      TablesCommand.class,
      GenerateCommand.class,
      DemoCommand.class,
      PatternsCommand.class,
      DetectCommand.class,
      TemplatesCommand.class,
      ReclassifyCommand.class,
      RepetitionCommand.class,
      SeriesCommand.class,
      FindingsCommand.class,
      CapacityCommand.class,
      ReportCommand.class,
      UslCommand.class,
      WorkflowCommand.class,
      AlertsCommand.class,
    })
public final class OpslakeCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command");
  }

  public static void main(String[] args) {
    int exitCode = execute(args, System.out, System.err);
    ClassArchiveTraining.finished(exitCode);
    System.exit(exitCode);
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
          cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + messageOf(exception));
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
  static String defaultValue(CommandLine.Model.ArgSpec argument) throws java.io.IOException {
    if (argument instanceof CommandLine.Model.OptionSpec option && option.longestName().equals("--warehouse")
        && !(option.command().userObject() instanceof WorkflowCommand.Run)) {
      return OpslakeConfig.locate(null, System.getenv(), java.nio.file.Path.of("")).defaultWarehouse(System.getenv());
    }
    return null;
  }

  private static int exitCodeOf(Throwable exception) {
    return categoryOf(exception).exitCode();
  }

  /**
   * A failure's category: a command line picocli could not parse is a usage error; everything
   * else carries its category as an {@link OpslakeException} raised where the cause was known
   * (see {@link OpslakeException#categoryOf} for failures that do not, such as an I/O error deep
   * in Hadoop's file systems).
   */
  static ErrorCategory categoryOf(Throwable exception) {
    if (exception instanceof CommandLine.ParameterException) {
      return ErrorCategory.USAGE;
    }
    return OpslakeException.categoryOf(exception);
  }

  private static String messageOf(Throwable exception) {
    OpslakeException typed = OpslakeException.find(exception);
    String message = typed != null ? typed.getMessage() : exception.getMessage();
    return message == null ? exception.toString() : message;
  }
}
