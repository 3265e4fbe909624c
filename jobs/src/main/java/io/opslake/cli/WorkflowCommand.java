package io.opslake.cli;

import io.opslake.errors.OpslakeException;
import io.opslake.jobs.workflow.DescriptorProblem;
import io.opslake.jobs.workflow.DescriptorValidator;
import io.opslake.jobs.workflow.JobDescriptor;
import io.opslake.jobs.workflow.PlanJson;
import io.opslake.jobs.workflow.RunOptions;
import io.opslake.jobs.workflow.RunStateStore;
import io.opslake.jobs.workflow.WorkflowPlan;
import io.opslake.jobs.workflow.WorkflowPlanner;
import io.opslake.jobs.workflow.WorkflowRunResult;
import io.opslake.jobs.workflow.WorkflowRunner;
import io.opslake.jobs.workflow.Workflows;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code opslake workflow}: check, plan and run the job descriptors of {@code workflows/jobs/}
 * (the same files the Airflow DAG factory reads).
 */
@Command(
    name = "workflow",
    description = "Validate, plan and run the job descriptors in workflows/jobs (see docs/workflows.md).",
    mixinStandardHelpOptions = true,
    subcommands = {
      WorkflowCommand.Validate.class,
      WorkflowCommand.Plan.class,
      WorkflowCommand.Run.class,
    })
final class WorkflowCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: validate, plan or run");
  }

  /** The {@code --dir} option and loading the descriptors, shared by the subcommands. */
  static final class DescriptorFolder {
    @Option(names = "--dir", paramLabel = "<folder>",
        description = "Descriptor folder (default: $OPSLAKE_HOME/workflows/jobs, else ./workflows/jobs).")
    Path dir;

    Workflows load() {
      Path folder = dir;
      if (folder == null) {
        String home = System.getenv("OPSLAKE_HOME");
        folder = (home == null ? Path.of(".") : Path.of(home)).resolve("workflows/jobs");
      }
      return DescriptorValidator.loadAndValidate(folder, display(folder));
    }

    /** How messages spell the folder: relative to the working directory when inside it. */
    private String display(Path folder) {
      Path absolute = folder.toAbsolutePath().normalize();
      Path workingDir = Path.of("").toAbsolutePath();
      if (dir != null && !dir.isAbsolute()) {
        return dir.normalize().toString();
      }
      return absolute.startsWith(workingDir) ? workingDir.relativize(absolute).toString() : absolute.toString();
    }

    /** Loads and fails with the problems (a usage error) when any descriptor is wrong. */
    Workflows loadValid(PrintWriter err) {
      Workflows workflows = load();
      if (!workflows.valid()) {
        workflows.problems().forEach(problem -> err.println(problem));
        throw OpslakeException.usage("Cannot use the workflow descriptors: " + workflows.problems().size()
            + " problem(s), listed above");
      }
      return workflows;
    }
  }

  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = "Check the descriptors against the schema and for unknown keys, cycles, missing upstreams"
          + " and bad schedules; print file:line: problem for each (exit 2 if any).")
  static final class Validate implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin DescriptorFolder folder;

    @Override
    public Integer call() {
      Workflows workflows = folder.load();
      PrintWriter out = spec.commandLine().getOut();
      if (!workflows.valid()) {
        for (DescriptorProblem problem : workflows.problems()) {
          spec.commandLine().getErr().println(problem);
        }
        spec.commandLine().getErr().println("opslake workflow validate: " + workflows.problems().size()
            + " problem(s)");
        return 2;
      }
      for (String dag : workflows.dags()) {
        WorkflowPlan plan = WorkflowPlanner.plan(workflows, dag);
        out.printf(Locale.ROOT, "%-10s %-22s %s%n", dag, plan.schedule().describe(),
            String.join(", ", plan.tasks().stream().map(JobDescriptor::id).toList()));
      }
      out.println("ok: " + workflows.descriptors().size() + " jobs in " + workflows.dags().size() + " dags");
      return 0;
    }
  }

  @Command(name = "plan", mixinStandardHelpOptions = true,
      description = "Print a DAG's tasks in run order and its edges (--json: the structure the Airflow factory builds).")
  static final class Plan implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin DescriptorFolder folder;

    @Parameters(index = "0", paramLabel = "<dag>", description = "The DAG id, e.g. nightly.")
    String dag;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      WorkflowPlan plan = WorkflowPlanner.plan(folder.loadValid(spec.commandLine().getErr()), dag);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.print(Summaries.toJson(PlanJson.of(plan)));
        return 0;
      }
      out.println("dag " + plan.dag() + " (" + plan.schedule().describe() + ")");
      int position = 1;
      for (JobDescriptor task : plan.tasks()) {
        out.printf(Locale.ROOT, "  %d. %-14s opslake %s %s%s%n", position++, task.id(), task.command(),
            String.join(" ", task.args()),
            task.dependsOn().isEmpty() ? "" : "   (after " + String.join(", ", task.dependsOn()) + ")");
      }
      return 0;
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Run a DAG's steps in dependency order on this machine, for one date or a range;"
          + " steps already completed for a date are skipped. Exit 1 if any step failed.")
  static final class Run implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin DescriptorFolder folder;

    @Parameters(index = "0", paramLabel = "<dag>", description = "The DAG id, e.g. nightly.")
    String dag;

    @Option(names = "--date", paramLabel = "<YYYY-MM-DD>", description = "The run date ({{ ds }}).")
    String date;

    @Option(names = "--from", paramLabel = "<YYYY-MM-DD>", description = "First date of a backfill (with --to).")
    String from;

    @Option(names = "--to", paramLabel = "<YYYY-MM-DD>", description = "Last date of a backfill, included.")
    String to;

    @Option(names = "--landing", paramLabel = "<uri>",
        description = "Landing root holding dt=YYYY-MM-DD/ folders (default: $OPSLAKE_LANDING, else landing: in the config file).")
    String landing;

    @Option(names = "--warehouse", paramLabel = "<uri>",
        description = "Warehouse root (default: $OPSLAKE_WAREHOUSE, else warehouse: in the config file, else ./warehouse).")
    String warehouse;

    @Option(names = "--config", paramLabel = "<file>",
        description = "Config file (default: $OPSLAKE_CONFIG, else ./opslake.yaml if present).")
    Path config;

    @Option(names = "--rerun", description = "Run every step again, even those completed for the date.")
    boolean rerun;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      List<LocalDate> dates = dates();
      OpslakeConfig settings = OpslakeConfig.locate(config, System.getenv(), Path.of(""));
      String landingUri = landing != null ? landing : settings.defaultLanding(System.getenv()).orElseThrow(() ->
          OpslakeException.usage("Cannot run workflow: no landing location; pass --landing or set landing:"
              + " in opslake.yaml"));
      // Options given on the command line win; --warehouse's default already came from the config.
      String warehouseUri = warehouse != null ? warehouse : settings.defaultWarehouse(System.getenv());
      RunOptions options = new RunOptions(dates, landingUri, warehouseUri,
          rerun ? RunOptions.Resume.RERUN_ALL : RunOptions.Resume.SKIP_COMPLETED);
      WorkflowPlan plan = WorkflowPlanner.plan(folder.loadValid(err), dag);

      SparkSession spark = SparkSessions.create("opslake workflow " + dag);
      RunStateStore state = new RunStateStore(warehouseUri, spark.sparkContext().hadoopConfiguration());
      WorkflowRunner runner = new WorkflowRunner(plan, options,
          arguments -> runStep(arguments, settings, spark, out, err), state,
          () -> spark.sparkContext().cancelAllJobs(), err::println);
      WorkflowRunResult result = runner.run();
      out.print(result.summaryText());
      return result.succeeded() ? 0 : 1;
    }

    /**
     * Runs a step's job on the workflow's session: the step's arguments are parsed as the command
     * line would parse them (the same arguments Airflow's spark-submit passes), then the command
     * runs its job through the facade, with the workflow's config file (its {@code metric_types:}). A failure propagates as the job's typed exception.
     */
    static void runStep(List<String> arguments, OpslakeConfig settings, SparkSession spark, PrintWriter out,
        PrintWriter err) throws Exception {
      CommandLine commandLine = new CommandLine(new OpslakeCli());
      commandLine.setDefaultValueProvider(OpslakeCli::defaultValue);
      CommandLine.ParseResult parsed;
      try {
        parsed = commandLine.parseArgs(arguments.toArray(String[]::new));
      } catch (CommandLine.ParameterException e) {
        throw OpslakeException.usage("Cannot run step 'opslake " + String.join(" ", arguments) + "': " + e.getMessage());
      }
      // The innermost command runs the job ("alerts backtest" is a command with a subcommand).
      CommandLine.ParseResult command = parsed;
      while (command.hasSubcommand()) {
        command = command.subcommand();
      }
      if (command == parsed || !(command.commandSpec().userObject() instanceof JobCommand<?> job)) {
        throw OpslakeException.usage("Cannot run step 'opslake " + String.join(" ", arguments)
            + "': its command does not run a job");
      }
      job.useConfig(settings);
      job.run(spark, out, err);
      out.flush();
    }

    private List<LocalDate> dates() {
      if (date != null && (from != null || to != null)) {
        throw OpslakeException.usage("Cannot run workflow: give --date or --from/--to, not both");
      }
      if (date != null) {
        return List.of(parse("--date", date));
      }
      if (from == null || to == null) {
        throw OpslakeException.usage("Cannot run workflow: give --date D, or --from D1 --to D2");
      }
      return RunOptions.range(parse("--from", from), parse("--to", to));
    }

    private static LocalDate parse(String option, String text) {
      try {
        return LocalDate.parse(text);
      } catch (DateTimeParseException e) {
        throw OpslakeException.usage("Cannot run workflow: " + option + " " + text + " is not a date (YYYY-MM-DD)");
      }
    }
  }
}
