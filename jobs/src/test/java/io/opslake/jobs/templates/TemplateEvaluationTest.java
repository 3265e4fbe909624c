package io.opslake.jobs.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Grouping accuracy of opslake's miner and of the Drain baseline on the committed evaluation set;
 * the figures are reported in docs/benchmarks.md.
 */
class TemplateEvaluationTest {
  @Test
  void minerBeatsDrainOnEverySet() {
    long minerCorrect = 0;
    long drainCorrect = 0;
    long lines = 0;
    StringBuilder report = new StringBuilder();
    for (EvaluationSet set : EvaluationSet.all()) {
      TemplateMiner.MiningResult mined = TemplateMiner.withDefaults().mineMessages(set.messages());
      List<String> predicted = set.messages().stream().map(message -> mined.templateOf(message).template()).toList();
      GroupingAccuracy.Score miner = GroupingAccuracy.of(predicted, set.truth());
      GroupingAccuracy.Score drain = GroupingAccuracy.of(DrainBaseline.parse(set.messages()), set.truth());
      report.append(String.format(Locale.ROOT, "%-8s lines %4d  opslake GA %.4f  Drain GA %.4f  templates %d%n",
          set.name(), miner.lines(), miner.accuracy(), drain.accuracy(), mined.templates().size()));
      assertThat(miner.accuracy()).as(set.name()).isGreaterThanOrEqualTo(drain.accuracy());
      minerCorrect += miner.correct();
      drainCorrect += drain.correct();
      lines += miner.lines();
    }
    System.out.print(report);
    System.out.printf(Locale.ROOT, "all      lines %4d  opslake GA %.4f  Drain GA %.4f%n", lines,
        (double) minerCorrect / lines, (double) drainCorrect / lines);
    assertThat(minerCorrect).isGreaterThan(drainCorrect);
    // Measured 0.9160 (1832 of 2000 lines, docs/benchmarks.md); a change that loses lines must say why.
    assertThat(minerCorrect).isGreaterThanOrEqualTo(1832);
  }
}
