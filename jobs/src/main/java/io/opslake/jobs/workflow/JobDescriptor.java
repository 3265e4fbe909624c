package io.opslake.jobs.workflow;

import io.opslake.jobs.yaml.LocatedYaml;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One {@code workflows/jobs/<id>.yaml} file: an opslake CLI command run as a task of a DAG, with
 * its schedule, retry policy, Spark resources and the tables it reads and writes. {@code lines}
 * maps each key's JSON-pointer path ({@code /retries}, {@code /depends_on/0}) to its line in
 * {@code file}, so every later check can point at the line it is about.
 */
public record JobDescriptor(
    String id,
    String dag,
    String description,
    String command,
    List<String> args,
    List<String> dependsOn,
    Schedule schedule,
    int retries,
    Duration retryDelay,
    Duration timeout,
    SparkResources spark,
    String owner,
    List<String> tags,
    List<String> reads,
    List<String> writes,
    String file,
    Map<String, Integer> lines) {
  public static final int DEFAULT_RETRIES = 0;
  public static final Duration DEFAULT_RETRY_DELAY = Duration.ofMinutes(5);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(2);

  public JobDescriptor {
    args = List.copyOf(args);
    dependsOn = List.copyOf(dependsOn);
    tags = List.copyOf(tags);
    reads = List.copyOf(reads);
    writes = List.copyOf(writes);
    lines = Map.copyOf(lines);
  }

  /** The line of the key at {@code path}, else of its nearest parent, else 1. */
  public int lineOf(String path) {
    return LocatedYaml.lineOf(lines, path);
  }

  /** A problem located at the key {@code path} of this descriptor. */
  public DescriptorProblem problemAt(String path, String message) {
    return new DescriptorProblem(file, lineOf(path), message);
  }
}
