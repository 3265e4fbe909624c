package io.opslake.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;

class OpslakeExceptionTest {
  @Test
  void categoriesGiveTheDocumentedExitCodesAndRetries() {
    assertThat(ErrorCategory.USAGE.exitCode()).isEqualTo(2);
    assertThat(ErrorCategory.EXTERNAL.exitCode()).isEqualTo(1);
    assertThat(ErrorCategory.DATA.exitCode()).isEqualTo(1);
    assertThat(ErrorCategory.INTERNAL.exitCode()).isEqualTo(1);
    assertThat(ErrorCategory.values()).filteredOn(ErrorCategory::retryable).containsExactly(ErrorCategory.EXTERNAL);
  }

  @Test
  void aTypedFailureKeepsItsCategoryInsideSparkExceptions() {
    OpslakeException usage = OpslakeException.usage("Cannot ingest: --input x does not exist");
    SparkException twiceWrapped = new SparkException("Job aborted", new SparkException("Task failed", usage));
    assertThat(OpslakeException.categoryOf(twiceWrapped)).isEqualTo(ErrorCategory.USAGE);
    assertThat(OpslakeException.find(twiceWrapped)).isSameAs(usage);
  }

  @Test
  void anUntypedIoFailureIsExternalAndAnythingElseInternal() {
    assertThat(OpslakeException.categoryOf(new SparkException("Job aborted", new IOException("Connection refused"))))
        .isEqualTo(ErrorCategory.EXTERNAL);
    assertThat(OpslakeException.categoryOf(new java.io.UncheckedIOException(new IOException("reset"))))
        .isEqualTo(ErrorCategory.EXTERNAL);
    assertThat(OpslakeException.categoryOf(new SparkException("Job aborted", new NullPointerException())))
        .isEqualTo(ErrorCategory.INTERNAL);
  }

  @Test
  void aTypedFailureInsideAnIoFailureKeepsItsOwnCategory() {
    IOException io = new IOException("wrapped", OpslakeException.data("Cannot open warehouse: bad record"));
    assertThat(OpslakeException.categoryOf(io)).isEqualTo(ErrorCategory.DATA);
  }

  @Test
  void survivesJavaSerializationAsSparkSendsTaskFailures() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(OpslakeException.external("Cannot read s3a://b/w: timeout", new IOException("timeout")));
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      OpslakeException copy = (OpslakeException) in.readObject();
      assertThat(copy.category()).isEqualTo(ErrorCategory.EXTERNAL);
      assertThat(copy.getMessage()).isEqualTo("Cannot read s3a://b/w: timeout");
      assertThat(copy.getCause()).isInstanceOf(IOException.class);
    }
  }
}
