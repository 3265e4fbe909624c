package io.opslake.jobs.workflow;

/** One thing wrong with a descriptor, printed as {@code <file>:<line>: <message>}. */
public record DescriptorProblem(String file, int line, String message) implements Comparable<DescriptorProblem> {
  @Override
  public String toString() {
    return file + ":" + line + ": " + message;
  }

  @Override
  public int compareTo(DescriptorProblem other) {
    int byFile = file.compareTo(other.file);
    return byFile != 0 ? byFile : Integer.compare(line, other.line);
  }
}
