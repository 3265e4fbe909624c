package io.opslake.sampledata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed sample (sample-data/sample, used by {@code bin/opslake demo}) is exactly what
 * {@code bin/opslake generate --days 2 --hosts 4 --seed 1 --out sample-data/sample} writes, so it
 * can never drift from the generator and its ground truth.
 */
class CommittedSampleTest {
  private static final Path SAMPLE = Path.of("sample");

  @Test
  void committedSampleEqualsAFreshGeneration(@TempDir Path fresh) throws IOException {
    new ScenarioGenerator().generate(GeneratorOptions.defaults(fresh).withDays(2).withHosts(4).withSeed(1));

    List<Path> committed = files(SAMPLE);
    assertThat(committed).isEqualTo(files(fresh)).hasSize(373);
    for (Path relative : committed) {
      assertThat(Files.mismatch(SAMPLE.resolve(relative), fresh.resolve(relative)))
          .as("%s differs; regenerate the sample with the command in this class's comment", relative)
          .isEqualTo(-1L);
    }
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }
}
