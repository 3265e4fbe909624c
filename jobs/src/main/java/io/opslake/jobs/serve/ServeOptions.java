package io.opslake.jobs.serve;

import io.opslake.errors.OpslakeException;

/**
 * Options of the warm SQL endpoint ({@code bin/opslake serve}).
 *
 * @param warehouse the warehouse whose tables become views
 * @param bindAddress the address the JDBC/ODBC endpoint listens on (default 127.0.0.1: this machine only)
 * @param port the TCP port, 1..65535 (default 10000, HiveServer2's)
 */
public record ServeOptions(String warehouse, String bindAddress, int port) {
  public static final int DEFAULT_PORT = 10000;
  public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

  public ServeOptions {
    if (warehouse == null || warehouse.isBlank()) {
      throw OpslakeException.usage("Cannot serve the warehouse: --warehouse is empty");
    }
    if (bindAddress == null || bindAddress.isBlank()) {
      throw OpslakeException.usage("Cannot serve the warehouse: --bind is empty");
    }
    if (port < 1 || port > 65535) {
      throw OpslakeException.usage("Cannot serve the warehouse: --port " + port + " is not a TCP port (1-65535)");
    }
  }

  /** The JDBC URL beeline, DBeaver or a BI tool connects to. */
  public String jdbcUrl() {
    String host = bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
    return "jdbc:hive2://" + host + ":" + port + "/default";
  }
}
