package io.opslake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UslCommandTest {
  private static final String NL = System.lineSeparator();

  @TempDir Path temp;

  @Test
  void printsTheCiscoFitAsJson() throws Exception {
    CliRun run = CliRun.of("usl", "--input", cisco().toString(), "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    JsonNode json = new ObjectMapper().readTree(run.out());
    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("source", "points", "distinct_loads", "min_load", "max_load",
        "lambda", "lambda_stderr", "lambda_ci95", "sigma", "sigma_stderr", "sigma_ci95",
        "kappa", "kappa_stderr", "kappa_ci95", "n_peak", "x_peak", "r2", "residual_stderr",
        "degrees_of_freedom", "curvature_p", "notes");
    // Published (Schwartz's e-book, via usl4j's ModelTest): σ 0.02671591, κ 7.690945e-4, λ 995.6486; 0.1 %.
    assertThat(json.get("sigma").asDouble()).isCloseTo(0.02671591, withinPercentage(0.1));
    assertThat(json.get("kappa").asDouble()).isCloseTo(7.690945e-4, withinPercentage(0.1));
    assertThat(json.get("lambda").asDouble()).isCloseTo(995.6486, withinPercentage(0.1));
    assertThat(json.get("points").asInt()).isEqualTo(32);
    assertThat(json.get("sigma_ci95").get("lower").asDouble()).isLessThan(json.get("sigma").asDouble());
  }

  @Test
  void printsTheCiscoFitAsText() throws Exception {
    CliRun run = CliRun.of("usl", "--input", cisco().toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    String[] lines = run.out().split(NL);
    assertThat(lines[0]).isEqualTo("usl " + cisco() + ": 32 points at 32 distinct loads (1 to 32)");
    assertThat(lines[1]).isEqualTo("  coefficient      estimate     std error   95% interval");
    assertThat(lines[2]).startsWith("  lambda (λ)       995.648");
    assertThat(lines[3]).startsWith("  sigma (σ)      0.0267159");
    assertThat(lines[4]).startsWith("  kappa (κ)    0.000769093");
    assertThat(lines[5]).startsWith("  peak: N = 35.5737");
    assertThat(lines[6]).startsWith("  R² = 0.9972, residual standard error ").endsWith(" on 29 degrees of freedom");
    assertThat(lines[7]).isEqualTo(
        "  note: The peak at N = 35.57 lies beyond the largest measured load 32; it is an extrapolation.");
    assertThat(lines).hasSize(8);
  }

  @Test
  void textForANumberExitsTwoNamingTheLine() throws IOException {
    Path bad = write("bad.csv", "load,throughput\n1,10\n2,abc\n4,30\n");

    CliRun run = CliRun.of("usl", "--input", bad.toString(), "--json");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("opslake usl: Cannot fit USL: line 3 of " + bad + ": 'abc' is not a number" + NL);
  }

  @Test
  void anEmptyFileOrAMissingColumnExitsTwo() throws IOException {
    Path empty = write("empty.csv", "");
    CliRun emptyRun = CliRun.of("usl", "--input", empty.toString());
    assertThat(emptyRun.exitCode()).isEqualTo(2);
    assertThat(emptyRun.err()).isEqualTo(
        "opslake usl: Cannot fit USL: " + empty + " is empty; expected a header such as load,throughput" + NL);

    Path truncated = write("short.csv", "load,throughput\n1,10\n2\n");
    CliRun shortRun = CliRun.of("usl", "--input", truncated.toString());
    assertThat(shortRun.exitCode()).isEqualTo(2);
    assertThat(shortRun.err()).isEqualTo(
        "opslake usl: Cannot fit USL: line 3 of " + truncated + ": no throughput (second column)" + NL);
  }

  @Test
  void aMissingInputExitsTwo() {
    Path missing = temp.resolve("nope.csv");
    CliRun run = CliRun.of("usl", "--input", missing.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("opslake usl: Cannot fit USL: --input " + missing + " is not a file" + NL);

    CliRun noOption = CliRun.of("usl");
    assertThat(noOption.exitCode()).isEqualTo(2);
    assertThat(noOption.err()).startsWith("Missing required option: '--input=<file.csv>'");
  }

  @Test
  void linearThroughputExitsOneWithASentence() throws IOException {
    Path linear = write("linear.csv", "servers,throughput\n1,100\n2,200\n3,300\n4,400\n6,600\n");

    CliRun run = CliRun.of("usl", "--input", linear.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("opslake usl: Cannot fit USL: over loads 1 to 6 throughput is exactly"
        + " proportional to load (X = 100.000 × N): with no contention or coherency in the data σ and κ cannot be"
        + " estimated. Measure at higher loads." + NL);
  }

  @Test
  void threeLoadsExitOne() throws IOException {
    Path three = write("three.csv", "load,throughput\n1,100\n2,180\n4,300\n");

    CliRun run = CliRun.of("usl", "--input", three.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo(
        "opslake usl: Cannot fit USL: 3 distinct loads (1, 2, 4); λ, σ and κ need at least 4 distinct loads" + NL);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(temp.resolve(name), text);
  }

  private static Path cisco() throws URISyntaxException {
    return Path.of(UslCommandTest.class.getResource("/io/opslake/jobs/capacity/cisco.csv").toURI());
  }
}
