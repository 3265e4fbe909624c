package io.opslake.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A Spark distribution on this machine ({@code bin/spark-submit}, {@code bin/spark-class},
 * {@code jars/}), found in this order: the system property {@value #HOME_PROPERTY}, the
 * environment variable {@code SPARK_HOME}, then the {@code pyspark} package of the repository's
 * virtual environment ({@code $OPSLAKE_VENV}, default {@code .venv}; {@code bin/python-env}
 * installs {@code pyspark==3.5.9} there, whose wheel carries a complete distribution with Hadoop
 * 3.3.4 client jars).
 *
 * <p>The distribution must be the Spark version the build compiles against, checked by the name
 * of its {@code spark-core} jar, so the cluster test never passes against another Spark.
 */
record SparkDistribution(Path home, String version) {
  static final String HOME_PROPERTY = "opslake.spark.home";

  /** Finds the distribution or explains, in the exception message, how to get one. */
  static SparkDistribution locate(Path repositoryRoot, String expectedVersion) {
    List<Path> tried = new ArrayList<>();
    Optional<Path> home =
        fromSetting(System.getProperty(HOME_PROPERTY), tried)
            .or(() -> fromSetting(System.getenv("SPARK_HOME"), tried))
            .or(() -> fromVirtualEnvironment(repositoryRoot, tried));
    if (home.isEmpty()) {
      throw new IllegalStateException(
          "No Spark distribution found (tried "
              + tried
              + "); run bin/python-env to install pyspark=="
              + expectedVersion
              + " into .venv, or pass -D"
              + HOME_PROPERTY
              + "=<spark home>");
    }
    Path coreJar =
        home.get().resolve("jars").resolve("spark-core_2.12-" + expectedVersion + ".jar");
    if (!Files.isRegularFile(coreJar)) {
      throw new IllegalStateException(
          "The Spark distribution at " + home.get() + " is not Spark " + expectedVersion
              + " (no " + coreJar.getFileName() + " in its jars/)");
    }
    return new SparkDistribution(home.get(), expectedVersion);
  }

  Path sparkClass() {
    return home.resolve("bin").resolve("spark-class");
  }

  Path sparkSubmit() {
    return home.resolve("bin").resolve("spark-submit");
  }

  private static Optional<Path> fromSetting(String setting, List<Path> tried) {
    if (setting == null || setting.isBlank()) {
      return Optional.empty();
    }
    Path home = Path.of(setting).toAbsolutePath();
    tried.add(home);
    return Files.isExecutable(home.resolve("bin").resolve("spark-submit"))
        ? Optional.of(home)
        : Optional.empty();
  }

  private static Optional<Path> fromVirtualEnvironment(Path repositoryRoot, List<Path> tried) {
    // bin/python-env builds the venv in $OPSLAKE_VENV, by default .venv of the repository.
    String venv = System.getenv().getOrDefault("OPSLAKE_VENV", ".venv");
    Path lib = repositoryRoot.resolve(venv).resolve("lib");
    tried.add(lib.resolve("python*/site-packages/pyspark"));
    if (!Files.isDirectory(lib)) {
      return Optional.empty();
    }
    try (Stream<Path> pythons = Files.list(lib)) {
      return pythons
          .filter(path -> path.getFileName().toString().startsWith("python"))
          .sorted()
          .map(python -> python.resolve("site-packages").resolve("pyspark"))
          .filter(home -> Files.isExecutable(home.resolve("bin").resolve("spark-submit")))
          .findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + lib, e);
    }
  }
}
