package io.opslake.jobs.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.opslake.errors.ErrorCategory;
import io.opslake.errors.OpslakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's order, retries, resume, backfill and timeouts, with steps that are plain functions. */
class WorkflowRunnerTest {
  static final LocalDate DAY1 = LocalDate.of(2026, 10, 1);
  static final LocalDate DAY2 = LocalDate.of(2026, 10, 2);

  @TempDir Path dir;
  @TempDir Path warehouse;

  final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  final Map<String, Integer> failuresLeft = new HashMap<>();
  final Map<String, ErrorCategory> categories = new HashMap<>();

  /** Records the call; fails with the step's category (default: external) while it has failures left. */
  void step(List<String> arguments) {
    calls.add(String.join(" ", arguments));
    String command = arguments.get(0);
    int left = failuresLeft.getOrDefault(command, 0);
    if (left > 0) {
      failuresLeft.put(command, left - 1);
      throw new OpslakeException(categories.getOrDefault(command, ErrorCategory.EXTERNAL), "store unreachable", null);
    }
  }

  WorkflowPlan plan(String extra) throws Exception {
    Files.writeString(dir.resolve("load.yaml"), """
        id: load
        dag: daily
        command: load
        args: ["--input", "{{ landing }}/dt={{ ds }}", "--warehouse", "{{ warehouse }}"]
        schedule: "@nightly"
        retries: 2
        retry_delay: 0s
        owner: me
        """ + extra);
    Files.writeString(dir.resolve("report.yaml"), """
        id: report
        dag: daily
        command: report
        args: ["--date", "{{ ds }}"]
        depends_on: [load]
        schedule: "@nightly"
        owner: me
        """);
    Workflows workflows = DescriptorValidator.loadAndValidate(dir, "jobs");
    assertThat(workflows.problems()).isEmpty();
    return WorkflowPlanner.plan(workflows, "daily");
  }

  WorkflowRunResult run(WorkflowPlan plan, List<LocalDate> dates, RunOptions.Resume resume, StepExecutor executor)
      throws Exception {
    RunOptions options = new RunOptions(dates, "/landing/", warehouse.toString(), resume);
    RunStateStore state = new RunStateStore(warehouse.toString(), new Configuration());
    return new WorkflowRunner(plan, options, executor, state, () -> calls.add("cancel"), line -> { }).run();
  }

  @Test
  void runsStepsInOrderWithTheDateTemplatedAndRecordsEachSuccess() throws Exception {
    WorkflowRunResult result = run(plan(""), List.of(DAY1), RunOptions.Resume.SKIP_COMPLETED, this::step);

    assertThat(calls).containsExactly(
        "load --input /landing/dt=2026-10-01 --warehouse " + warehouse,
        "report --date 2026-10-01");
    assertThat(result.succeeded()).isTrue();
    assertThat(result.outcomes()).extracting(o -> o.step() + " " + o.status() + " " + o.attempts())
        .containsExactly("load SUCCEEDED 1", "report SUCCEEDED 1");
    assertThat(warehouse.resolve("_opslake/workflow/daily/2026-10-01/load.json")).exists();
    assertThat(Files.readString(warehouse.resolve("_opslake/workflow/daily/2026-10-01/report.json")))
        .contains("\"attempts\" : 1", "\"arguments\" : [ \"report\", \"--date\", \"2026-10-01\" ]");
  }

  @Test
  void retriesAFailingStepUpToItsRetries() throws Exception {
    failuresLeft.put("load", 2);
    WorkflowRunResult result = run(plan(""), List.of(DAY1), RunOptions.Resume.SKIP_COMPLETED, this::step);

    assertThat(result.outcomes()).extracting(o -> o.step() + " " + o.status() + " " + o.attempts())
        .containsExactly("load SUCCEEDED 3", "report SUCCEEDED 1");
    assertThat(calls).hasSize(4);
  }

  @Test
  void aStepFailingEveryAttemptBlocksItsDownstreamButNotTheNextDate() throws Exception {
    failuresLeft.put("load", 3);
    WorkflowRunResult result = run(plan(""), List.of(DAY1, DAY2), RunOptions.Resume.SKIP_COMPLETED, this::step);

    assertThat(result.succeeded()).isFalse();
    assertThat(result.outcomes()).extracting(o -> o.date() + " " + o.step() + " " + o.status() + " " + o.attempts())
        .containsExactly(
            "2026-10-01 load FAILED 3",
            "2026-10-01 report UPSTREAM_FAILED 0",
            "2026-10-02 load SUCCEEDED 1",
            "2026-10-02 report SUCCEEDED 1");
    assertThat(result.outcomes().get(0).message()).isEqualTo("external: store unreachable");
    assertThat(warehouse.resolve("_opslake/workflow/daily/2026-10-01/load.json")).doesNotExist();
    assertThat(result.summaryText()).startsWith(
        "workflow daily: 2 succeeded, 0 already done, 1 failed, 1 not run (upstream failed) in ");
    assertThat(result.summaryText()).contains(
        "  2026-10-01  load              failed                  3       0.0  external: store unreachable\n");
  }

  @Test
  void aUsageErrorIsNotRetried() throws Exception {
    failuresLeft.put("load", 1);
    categories.put("load", ErrorCategory.USAGE);
    WorkflowRunResult result = run(plan(""), List.of(DAY1), RunOptions.Resume.SKIP_COMPLETED, this::step);

    assertThat(result.outcomes().get(0)).extracting(o -> o.status() + " " + o.attempts() + " " + o.message())
        .isEqualTo("FAILED 1 usage: store unreachable");
  }

  @Test
  void onlyExternalFailuresAreRetried() throws Exception {
    for (ErrorCategory category : ErrorCategory.values()) {
      failuresLeft.put("load", 1);
      categories.put("load", category);
      calls.clear();
      run(plan(""), List.of(DAY1), RunOptions.Resume.RERUN_ALL, this::step);
      assertThat(calls).as(category.name()).hasSize(category == ErrorCategory.EXTERNAL ? 3 : 1);
    }
  }

  @Test
  void anExternalErrorInsideASparkFailureIsStillRetried() throws Exception {
    failuresLeft.put("load", 1);
    WorkflowRunResult result = run(plan(""), List.of(DAY1), RunOptions.Resume.SKIP_COMPLETED, arguments -> {
      calls.add(String.join(" ", arguments));
      if (failuresLeft.merge("load", -1, Integer::sum) >= 0 && arguments.get(0).equals("load")) {
        // What a task that lost its store looks like on the driver: a SparkException around the task's error.
        throw new org.apache.spark.SparkException("Job aborted due to stage failure",
            new java.io.IOException("Connection refused: namenode:8020"));
      }
    });
    assertThat(result.outcomes().get(0)).extracting(o -> o.status() + " " + o.attempts())
        .isEqualTo("SUCCEEDED 2");
  }

  @Test
  void aResumeSkipsStepsCompletedForTheDateAndRerunRunsThemAgain() throws Exception {
    WorkflowPlan plan = plan("");
    failuresLeft.put("report", 1);
    WorkflowRunResult first = run(plan, List.of(DAY1), RunOptions.Resume.SKIP_COMPLETED, this::step);
    assertThat(first.outcomes()).extracting(o -> o.step() + " " + o.status())
        .containsExactly("load SUCCEEDED", "report FAILED");
    calls.clear();

    WorkflowRunResult resumed = run(plan, List.of(DAY1), RunOptions.Resume.SKIP_COMPLETED, this::step);
    assertThat(resumed.outcomes()).extracting(o -> o.step() + " " + o.status())
        .containsExactly("load ALREADY_DONE", "report SUCCEEDED");
    assertThat(calls).containsExactly("report --date 2026-10-01");
    calls.clear();

    WorkflowRunResult rerun = run(plan, List.of(DAY1), RunOptions.Resume.RERUN_ALL, this::step);
    assertThat(rerun.count(WorkflowRunResult.Status.SUCCEEDED)).isEqualTo(2);
    assertThat(calls).hasSize(2);
  }

  @Test
  void aStepOverItsTimeoutIsCancelledAndCountsAsAFailedAttempt() throws Exception {
    WorkflowPlan plan = plan("timeout: 1s\n");
    WorkflowRunResult result = run(plan, List.of(DAY1), RunOptions.Resume.SKIP_COMPLETED, arguments -> {
      if (arguments.get(0).equals("load") && calls.isEmpty()) {
        calls.add("slow");
        Thread.sleep(30_000);
      }
      step(arguments);
    });

    assertThat(calls).startsWith("slow", "cancel");
    assertThat(result.outcomes().get(0)).extracting(o -> o.status() + " " + o.attempts())
        .isEqualTo("SUCCEEDED 2");
  }

  @Test
  void exceptionsFromAStepAreFailedAttempts() throws Exception {
    WorkflowRunResult result = run(plan(""), List.of(DAY1), RunOptions.Resume.SKIP_COMPLETED, arguments -> {
      throw new IllegalStateException("boom");
    });
    // A bug is not retried: the same step would hit it again.
    assertThat(result.outcomes().get(0)).extracting(o -> o.status() + " " + o.attempts() + " " + o.message())
        .isEqualTo("FAILED 1 internal: IllegalStateException: boom");
  }

  @Test
  void backfillRangesIncludeBothEnds() {
    assertThat(RunOptions.range(DAY1, LocalDate.of(2026, 10, 3))).containsExactly(DAY1, DAY2, LocalDate.of(2026, 10, 3));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunOptions.range(DAY2, DAY1))
        .hasMessage("Cannot run workflow: --to 2026-10-01 is before --from 2026-10-02");
  }
}
