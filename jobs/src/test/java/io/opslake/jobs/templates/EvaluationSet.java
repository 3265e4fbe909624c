package io.opslake.jobs.templates;

import io.opslake.ingest.format.plaintext.LineFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One labelled data set of src/test/resources/templates (see make-eval-set.py there): the
 * messages (the {@code <Content>} of each line) and the true template of each.
 */
record EvaluationSet(String name, List<String> messages, List<String> truth) {
  static List<EvaluationSet> all() {
    List<EvaluationSet> sets = new ArrayList<>();
    List<String> index = lines("eval-sets.csv");
    for (String row : index.subList(1, index.size())) {
      int comma = row.indexOf(',');
      String name = row.substring(0, comma);
      LineFormat format = LineFormat.compile(row.substring(comma + 1));
      List<String> messages = lines(name + ".log").stream().map(format::content).toList();
      if (messages.contains(null)) {
        throw new IllegalStateException(name + ".log has a line that does not match " + format);
      }
      sets.add(new EvaluationSet(name, messages, lines(name + ".truth")));
    }
    return sets;
  }

  static List<String> lines(String resource) {
    try (InputStream in = EvaluationSet.class.getResourceAsStream("/templates/" + resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
