package io.opslake.jobs.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.opslake.jobs.yaml.LocatedYaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a folder of job descriptors ({@code *.yaml}) into {@link JobDescriptor}s, checking each
 * file against {@code job-descriptor.schema.json} (the copy of {@code workflows/schema/} bundled in
 * the jar). Each file is composed once by {@link LocatedYaml}, which gives the tree for the schema
 * and the line of every key, so every problem carries {@code file:line}. Never throws on bad input:
 * unreadable or invalid files become problems, and the other files are still read.
 */
public final class DescriptorLoader {
  static final String SCHEMA_RESOURCE = "job-descriptor.schema.json";

  private static final JsonSchema SCHEMA = loadSchema();

  private DescriptorLoader() {}

  /** What a folder held: the descriptors that parsed, the ids seen in any file, and the problems. */
  public record Loaded(List<JobDescriptor> descriptors, Set<String> idsSeen, List<DescriptorProblem> problems) {
    public Loaded {
      descriptors = List.copyOf(descriptors);
      idsSeen = Set.copyOf(idsSeen);
      problems = List.copyOf(problems);
    }
  }

  /**
   * Loads every {@code *.yaml} and {@code *.yml} file of {@code folder} (not recursive), in name
   * order. {@code displayFolder} is how messages spell the folder (e.g. {@code workflows/jobs}).
   */
  public static Loaded load(Path folder, String displayFolder) {
    List<JobDescriptor> descriptors = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    List<DescriptorProblem> problems = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      problems.add(new DescriptorProblem(displayFolder, 0, "not a directory"));
      return new Loaded(descriptors, ids, problems);
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(folder)) {
      files = listing.filter(DescriptorLoader::isDescriptorFile).sorted().toList();
    } catch (IOException e) {
      problems.add(new DescriptorProblem(displayFolder, 0, "cannot list: " + e.getMessage()));
      return new Loaded(descriptors, ids, problems);
    }
    if (files.isEmpty()) {
      problems.add(new DescriptorProblem(displayFolder, 0, "no *.yaml job descriptors"));
    }
    for (Path file : files) {
      String display = displayFolder.isEmpty() ? file.getFileName().toString()
          : displayFolder.replaceAll("/+$", "") + "/" + file.getFileName();
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        problems.add(new DescriptorProblem(display, 0, "cannot read: " + e.getMessage()));
        continue;
      }
      FileResult result = parseFile(text, display, baseName(file));
      result.descriptor().ifPresent(descriptors::add);
      result.id().ifPresent(ids::add);
      problems.addAll(result.problems());
    }
    return new Loaded(descriptors, ids, problems);
  }

  /** One file's outcome: the descriptor if it is valid, the id it names (if any), its problems. */
  record FileResult(Optional<JobDescriptor> descriptor, Optional<String> id, List<DescriptorProblem> problems) {}

  static FileResult parseFile(String text, String display, String baseName) {
    LocatedYaml yaml;
    try {
      yaml = LocatedYaml.parse(text, display);
    } catch (LocatedYaml.SyntaxError e) {
      // "Duplicate field" is Jackson's wording, kept from when Jackson parsed these files.
      String reason = e.duplicateKey().map(key -> "Duplicate field '" + key + "'").orElse(e.reason(": "));
      return new FileResult(Optional.empty(), Optional.empty(),
          List.of(new DescriptorProblem(display, e.line(), "not valid YAML: " + reason)));
    }
    JsonNode root = yaml.json();
    Map<String, Integer> lines = yaml.lines();
    if (root == null || !root.isObject()) {
      return new FileResult(Optional.empty(), Optional.empty(),
          List.of(new DescriptorProblem(display, 1, "a job descriptor is a YAML mapping of keys to values")));
    }
    Optional<String> id = root.path("id").isTextual() ? Optional.of(root.get("id").asText()) : Optional.empty();
    JobDescriptor located = locator(display, lines);
    Set<DescriptorProblem> problems = new LinkedHashSet<>();
    for (ValidationMessage message : SCHEMA.validate(root)) {
      problems.add(schemaProblem(message, located));
    }
    if (!problems.isEmpty()) {
      return new FileResult(Optional.empty(), id, problems.stream().sorted().toList());
    }
    Schedule schedule;
    JsonNode scheduleNode = root.get("schedule");
    if (scheduleNode.isObject()) {
      schedule = Schedule.onUpdate(scheduleNode.get("on_update").asText());
    } else {
      Schedule.ParseResult parsed = Schedule.parse(scheduleNode.asText());
      if (parsed.schedule().isEmpty()) {
        return new FileResult(Optional.empty(), id, List.of(located.problemAt("/schedule", parsed.problem())));
      }
      schedule = parsed.schedule().get();
    }
    JobDescriptor descriptor = new JobDescriptor(
        root.get("id").asText(),
        root.get("dag").asText(),
        root.path("description").asText(""),
        root.get("command").asText(),
        strings(root.get("args")),
        strings(root.get("depends_on")),
        schedule,
        root.path("retries").asInt(JobDescriptor.DEFAULT_RETRIES),
        duration(root.get("retry_delay"), JobDescriptor.DEFAULT_RETRY_DELAY),
        duration(root.get("timeout"), JobDescriptor.DEFAULT_TIMEOUT),
        spark(root.get("spark")),
        root.get("owner").asText(),
        strings(root.get("tags")),
        strings(root.get("reads")),
        strings(root.get("writes")),
        display,
        lines);
    List<DescriptorProblem> fileProblems = new ArrayList<>();
    if (!descriptor.id().equals(baseName)) {
      fileProblems.add(descriptor.problemAt("/id",
          "id '" + descriptor.id() + "' must match the file name (" + baseName + ")"));
    }
    return new FileResult(fileProblems.isEmpty() ? Optional.of(descriptor) : Optional.empty(), id, fileProblems);
  }

  private static DescriptorProblem schemaProblem(ValidationMessage message, JobDescriptor located) {
    String path = pointer(message.getInstanceLocation());
    String key = path.isEmpty() ? "" : path.substring(1).replace('/', '.');
    String under = key.isEmpty() ? "" : " under '" + key + "'";
    switch (message.getType()) {
      case "additionalProperties":
        return located.problemAt(path + "/" + message.getProperty(),
            "unknown key '" + message.getProperty() + "'" + under);
      case "required":
        return located.problemAt(path, "missing key '" + message.getProperty() + "'" + under);
      default:
        break;
    }
    if (path.equals("/schedule") || path.startsWith("/schedule/")) {
      return located.problemAt(path,
          "bad schedule: use @nightly, @hourly, a five-field cron expression or on_update: <table>");
    }
    if (path.equals("/retry_delay") || path.equals("/timeout")) {
      return located.problemAt(path, "bad " + key + " '" + message.getInstanceNode().asText()
          + "': use a duration such as 30s, 5m, 2h or 1h30m");
    }
    String text = message.getMessage();
    String prefix = message.getInstanceLocation().toString() + ": ";
    if (text.startsWith(prefix)) {
      text = text.substring(prefix.length());
    }
    return located.problemAt(path, (key.isEmpty() ? "" : key + ": ") + text);
  }

  /** A descriptor that only knows where its keys are, to place problems before the file is valid. */
  private static JobDescriptor locator(String display, Map<String, Integer> lines) {
    return new JobDescriptor("", "", "", "", List.of(), List.of(), Schedule.nightly(), 0, Duration.ZERO,
        Duration.ZERO, SparkResources.none(), "", List.of(), List.of(), List.of(), display, lines);
  }

  private static String pointer(JsonNodePath path) {
    StringBuilder pointer = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      pointer.append('/').append(path.getElement(i));
    }
    return pointer.toString();
  }

  private static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node != null) {
      node.forEach(item -> values.add(item.asText()));
    }
    return values;
  }

  private static Duration duration(JsonNode node, Duration fallback) {
    return node == null ? fallback : Durations.parse(node.asText()).orElse(fallback);
  }

  private static SparkResources spark(JsonNode node) {
    if (node == null) {
      return SparkResources.none();
    }
    return new SparkResources(
        Optional.ofNullable(node.get("driver_memory")).map(JsonNode::asText),
        Optional.ofNullable(node.get("executor_memory")).map(JsonNode::asText),
        Optional.ofNullable(node.get("executor_cores")).map(JsonNode::asInt),
        Optional.ofNullable(node.get("num_executors")).map(JsonNode::asInt));
  }

  private static boolean isDescriptorFile(Path file) {
    String name = file.getFileName().toString();
    return Files.isRegularFile(file) && !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml"));
  }

  private static String baseName(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.lastIndexOf('.'));
  }

  private static JsonSchema loadSchema() {
    try (InputStream in = DescriptorLoader.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("job-descriptor.schema.json is missing from the classpath");
      }
      SchemaValidatorsConfig config = new SchemaValidatorsConfig();
      config.setPathType(PathType.JSON_POINTER);
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
