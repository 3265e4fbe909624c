package io.opslake.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.opslake.jobs.Jobs;
import io.opslake.jobs.capacity.UslFit;
import io.opslake.jobs.capacity.UslOptions;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code opslake usl}: fit the Universal Scalability Law to a CSV of load and throughput; no Spark. */
@Command(
    name = "usl",
    description = "Fit the Universal Scalability Law X(N) = λN / (1 + σ(N−1) + κN(N−1)) to measured load and"
        + " throughput; print λ, σ, κ with standard errors, the load and throughput at the peak, and R²"
        + " (method: docs/algorithms.md).",
    mixinStandardHelpOptions = true)
final class UslCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT);

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--input", required = true, paramLabel = "<file.csv>",
      description = "CSV with a header; first column the load (concurrency or number of servers), second the throughput.")
  Path input;

  @Option(names = "--json", description = "Print the fit as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    UslFit fit = Jobs.usl(new UslOptions(input));
    spec.commandLine().getOut().print(json ? JSON.writeValueAsString(fit) + System.lineSeparator() : text(fit));
    return 0;
  }

  static String text(UslFit fit) {
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "usl %s: %d points at %d distinct loads (%s to %s)%n", fit.source(),
        fit.points(), fit.distinctLoads(), load(fit.minLoad()), load(fit.maxLoad())));
    text.append(String.format(Locale.ROOT, "  %-11s %13s %13s   %s%n", "coefficient", "estimate", "std error",
        "95% interval"));
    coefficient(text, "lambda (λ)", fit.lambda(), fit.lambdaStderr(), fit.lambdaCi95());
    coefficient(text, "sigma (σ)", fit.sigma(), fit.sigmaStderr(), fit.sigmaCi95());
    coefficient(text, "kappa (κ)", fit.kappa(), fit.kappaStderr(), fit.kappaCi95());
    text.append(fit.nPeak() == null ? String.format(Locale.ROOT, "  peak: none%n")
        : String.format(Locale.ROOT, "  peak: N = %s, X = %s%n", number(fit.nPeak()), number(fit.xPeak())));
    text.append(String.format(Locale.ROOT, "  R² = %s, residual standard error %s on %d degrees of freedom%n",
        fit.r2() == null ? "undefined" : String.format(Locale.ROOT, "%.4f", fit.r2()),
        number(fit.residualStderr()), fit.degreesOfFreedom()));
    fit.notes().forEach(note -> text.append("  note: ").append(note).append(System.lineSeparator()));
    return text.toString();
  }

  private static void coefficient(StringBuilder text, String name, double estimate, double stderr,
      UslFit.Interval interval) {
    text.append(String.format(Locale.ROOT, "  %-11s %13s %13s   [%s, %s]%n", name, number(estimate), number(stderr),
        number(interval.lower()), number(interval.upper())));
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.7g", value);
  }

  /** A load as written: 32, not 32.00000. */
  private static String load(double value) {
    return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
