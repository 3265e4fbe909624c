package io.opslake.jobs.workflow;

import io.opslake.errors.ErrorCategory;
import io.opslake.errors.OpslakeException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs a {@link WorkflowPlan} on this machine, the embedded alternative to Airflow: for each date
 * in order, each step in the plan's dependency order, one at a time. A step whose marker says it
 * already succeeded for that date is skipped (resume); a step that fails with an external error
 * (storage or cluster trouble) or runs over its {@code timeout} is retried up to its {@code
 * retries} after {@code retry_delay}; a usage, data or internal failure is not, as the same step
 * would fail the same way; steps downstream of a failure are not run; the next date still runs, as each date's
 * run is independent. A step over its {@code timeout} is cancelled through {@code onTimeout}
 * (the CLI cancels the session's Spark jobs) and counts as a failed attempt.
 */
public final class WorkflowRunner {
  /** How long a timed-out step may take to wind down after its Spark jobs are cancelled. */
  private static final Duration CANCEL_GRACE = Duration.ofSeconds(60);

  private final WorkflowPlan plan;
  private final RunOptions options;
  private final StepExecutor executor;
  private final RunStateStore state;
  private final Runnable onTimeout;
  private final Consumer<String> progress;

  public WorkflowRunner(WorkflowPlan plan, RunOptions options, StepExecutor executor, RunStateStore state,
      Runnable onTimeout, Consumer<String> progress) {
    this.plan = plan;
    this.options = options;
    this.executor = executor;
    this.state = state;
    this.onTimeout = onTimeout;
    this.progress = progress;
  }

  public WorkflowRunResult run() throws IOException, InterruptedException {
    Instant started = Instant.now();
    List<WorkflowRunResult.StepOutcome> outcomes = new ArrayList<>();
    for (LocalDate date : options.dates()) {
      Set<String> blocked = new HashSet<>();
      for (JobDescriptor step : plan.tasks()) {
        WorkflowRunResult.StepOutcome outcome;
        if (step.dependsOn().stream().anyMatch(blocked::contains)) {
          outcome = new WorkflowRunResult.StepOutcome(date, step.id(), WorkflowRunResult.Status.UPSTREAM_FAILED,
              0, 0, "not run: an upstream step failed");
        } else if (options.resume() == RunOptions.Resume.SKIP_COMPLETED && state.completed(plan.dag(), date, step.id())) {
          outcome = new WorkflowRunResult.StepOutcome(date, step.id(), WorkflowRunResult.Status.ALREADY_DONE,
              0, 0, "completed by an earlier run");
        } else {
          outcome = runStep(step, date);
        }
        if (outcome.status() == WorkflowRunResult.Status.FAILED
            || outcome.status() == WorkflowRunResult.Status.UPSTREAM_FAILED) {
          blocked.add(step.id());
        }
        progress.accept(String.format(Locale.ROOT, "workflow %s %s %s: %s", plan.dag(), date, step.id(),
            outcome.status().label()));
        outcomes.add(outcome);
      }
    }
    return new WorkflowRunResult(plan.dag(), outcomes, Duration.between(started, Instant.now()));
  }

  /** The arguments of {@code step} for {@code date}: its command, then its rendered args. */
  public List<String> arguments(JobDescriptor step, LocalDate date) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("ds", date.toString());
    values.put("landing", options.landing().replaceAll("/+$", ""));
    values.put("warehouse", options.warehouse());
    List<String> arguments = new ArrayList<>();
    arguments.add(step.command());
    step.args().forEach(argument -> arguments.add(ArgumentTemplate.render(argument, values)));
    return List.copyOf(arguments);
  }

  private WorkflowRunResult.StepOutcome runStep(JobDescriptor step, LocalDate date)
      throws IOException, InterruptedException {
    List<String> arguments = arguments(step, date);
    long startNanos = System.nanoTime();
    int attempts = 0;
    String message = null;
    while (attempts <= step.retries()) {
      if (attempts > 0 && !step.retryDelay().isZero()) {
        progress.accept("workflow " + plan.dag() + " " + date + " " + step.id() + ": retrying in " + step.retryDelay());
        Thread.sleep(step.retryDelay().toMillis());
      }
      attempts++;
      progress.accept("workflow " + plan.dag() + " " + date + " " + step.id() + ": attempt " + attempts + ": opslake "
          + String.join(" ", arguments));
      AttemptResult attempt = attempt(step, arguments);
      if (attempt.failure() == null) {
        double seconds = seconds(startNanos);
        state.markCompleted(plan.dag(), date, step.id(), attempts, seconds, arguments, Instant.now());
        return new WorkflowRunResult.StepOutcome(date, step.id(), WorkflowRunResult.Status.SUCCEEDED, attempts,
            seconds, null);
      }
      message = attempt.message();
      if (!attempt.failure().retryable()) {
        break;
      }
    }
    return new WorkflowRunResult.StepOutcome(date, step.id(), WorkflowRunResult.Status.FAILED, attempts,
        seconds(startNanos), message);
  }

  /** One attempt: no failure, or the failure's category and a one-line description. */
  private record AttemptResult(ErrorCategory failure, String message) {}

  private AttemptResult attempt(JobDescriptor step, List<String> arguments) throws InterruptedException {
    CompletableFuture<Void> running = new CompletableFuture<>();
    Thread worker = new Thread(() -> {
      try {
        executor.execute(arguments);
        running.complete(null);
      } catch (Throwable e) {
        running.completeExceptionally(e);
      }
    }, "opslake-workflow-" + step.id());
    worker.setDaemon(true);
    worker.start();
    try {
      running.get(step.timeout().toMillis(), TimeUnit.MILLISECONDS);
      return new AttemptResult(null, null);
    } catch (TimeoutException e) {
      onTimeout.run();
      worker.interrupt();
      worker.join(CANCEL_GRACE.toMillis());
      // A slow cluster or store is the usual cause: worth another attempt.
      return new AttemptResult(ErrorCategory.EXTERNAL, "timed out after " + describe(step.timeout()));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      ErrorCategory category = OpslakeException.categoryOf(cause);
      OpslakeException typed = OpslakeException.find(cause);
      String what = typed != null ? typed.getMessage() : cause.getClass().getSimpleName() + ": " + cause.getMessage();
      return new AttemptResult(category, category.name().toLowerCase(Locale.ROOT) + ": " + what);
    }
  }

  private static double seconds(long startNanos) {
    return Math.round((System.nanoTime() - startNanos) / 1e8) / 10.0;
  }

  private static String describe(Duration duration) {
    return duration.toString().substring(2).toLowerCase(Locale.ROOT);
  }
}
