package io.opslake.jobs.workflow;

import io.opslake.errors.ErrorCategory;
import io.opslake.errors.OpslakeException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowPlannerTest {
  @TempDir Path dir;

  static String job(String id, String dependsOn) {
    return "id: " + id + "\ndag: daily\ncommand: " + id + "\nschedule: \"0 3 * * *\"\ndepends_on: " + dependsOn
        + "\nowner: me\n";
  }

  @Test
  void ordersTasksByDependencyThenIdAndListsEdges() throws Exception {
    // A diamond plus an independent job: load -> (left, right) -> merge; solo.
    Files.writeString(dir.resolve("merge.yaml"), job("merge", "[right, left]"));
    Files.writeString(dir.resolve("left.yaml"), job("left", "[load]"));
    Files.writeString(dir.resolve("right.yaml"), job("right", "[load]"));
    Files.writeString(dir.resolve("load.yaml"), job("load", "[]"));
    Files.writeString(dir.resolve("solo.yaml"), job("solo", "[]"));
    Workflows workflows = DescriptorValidator.loadAndValidate(dir, "jobs");
    assertThat(workflows.problems()).isEmpty();

    WorkflowPlan plan = WorkflowPlanner.plan(workflows, "daily");

    assertThat(plan.tasks()).extracting(JobDescriptor::id).containsExactly("load", "left", "right", "merge", "solo");
    assertThat(plan.edges()).containsExactly(
        new WorkflowPlan.Edge("left", "merge"),
        new WorkflowPlan.Edge("load", "left"),
        new WorkflowPlan.Edge("load", "right"),
        new WorkflowPlan.Edge("right", "merge"));
    assertThat(plan.schedule().airflowSchedule()).contains("0 3 * * *");
    assertThat(PlanJson.of(plan).edges().toString()).isEqualTo("[[left, merge], [load, left], [load, right], [right, merge]]");
  }

  @Test
  void anUnknownDagIsAUsageError() throws Exception {
    Files.writeString(dir.resolve("load.yaml"), job("load", "[]"));
    assertThatThrownBy(() -> WorkflowPlanner.plan(DescriptorValidator.loadAndValidate(dir, "jobs"), "nightly"))
        .isInstanceOfSatisfying(OpslakeException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.USAGE))
        .hasMessage("Cannot plan workflow: no dag 'nightly'; dags are daily");
  }
}
