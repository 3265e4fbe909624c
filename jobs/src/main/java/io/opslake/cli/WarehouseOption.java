package io.opslake.cli;

import picocli.CommandLine.Option;

/** The {@code --warehouse} option every command that touches tables shares. */
final class WarehouseOption {
  @Option(
      names = "--warehouse",
      paramLabel = "<uri>",
      defaultValue = "${env:OPSLAKE_WAREHOUSE:-./warehouse}",
      description = "Warehouse root: a local path, file://, hdfs:// or s3a:// URI"
          + " (default: $OPSLAKE_WAREHOUSE, else ./warehouse).")
  String uri;
}
