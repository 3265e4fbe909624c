package io.opslake.jobs.serve;

import io.opslake.errors.OpslakeException;
import io.opslake.jobs.SessionSettings;
import io.opslake.schemas.TableDefinition;
import io.opslake.schemas.Tables;
import io.opslake.storage.Warehouse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.hive.thriftserver.HiveThriftServer2;

/**
 * The warm SQL endpoint: Spark's Thrift (HiveServer2 protocol) server over one long-lived
 * SparkSession in which every table of the warehouse ({@link Tables#ALL}) is registered as a
 * temporary view under its own name, so beeline, DBeaver, a BI tool or any JDBC/ODBC client runs
 * one query after another without paying Spark's start-up each time.
 *
 * <p>Reads every table's directory listing once at {@link #start()} (the views keep Spark's
 * in-memory file index); writes nothing. All connections share the one session
 * ({@code spark.sql.hive.thriftServer.singleSession=true}, a static setting the session must be
 * built with: {@link #SESSION_SETTINGS}), so they all see the views; a {@code SET} in one
 * connection is seen by all. New partitions written after start-up (a nightly run) become visible
 * after {@code REFRESH TABLE <table>}, which lists the table's directory again; a table that did
 * not exist at start-up needs a restart. No Hive metastore is used for the tables: the Hive
 * classes serve only the wire protocol (an in-memory Derby database holds the server's own
 * execution state).
 *
 * <p>Spark cost: each query is an ordinary Spark SQL job on the session's executors; results are
 * collected on the driver and streamed to the client in batches, so a query returning many rows
 * costs driver memory (add a {@code LIMIT}).
 */
public final class SqlEndpoint implements AutoCloseable {
  /** Settings the session must be built with (static SQL settings cannot change later). */
  public static final Map<String, String> SESSION_SETTINGS = Map.of(
      "spark.sql.hive.thriftServer.singleSession", "true");

  private final SparkSession spark;
  private final ServeOptions options;
  /**
   * Session settings the endpoint changes: the Thrift service's three, and the Java 8 date-time
   * API, which Spark's session manager turns on for the shared session at the first connection (so
   * JDBC clients get dates as dates). {@link #close()} puts them back, so a caller that goes on
   * using the session (a test JVM, a workflow) reads {@code DATE} columns as {@code java.sql.Date}
   * again, as opslake's jobs expect.
   */
  private SessionSettings settings;
  private HiveThriftServer2 server;
  private ServeResult result;

  public SqlEndpoint(SparkSession spark, ServeOptions options) {
    this.spark = spark;
    this.options = options;
  }

  /** Registers the views and starts listening; returns once clients can connect. */
  public ServeResult start() throws IOException {
    if (!"true".equals(spark.conf().get("spark.sql.hive.thriftServer.singleSession", "false"))) {
      throw OpslakeException.internal("Cannot serve the warehouse: the SparkSession was built without "
          + "spark.sql.hive.thriftServer.singleSession=true, so connections would not see the views", null);
    }
    ensurePortFree(options.bindAddress(), options.port());
    Warehouse warehouse = Warehouse.open(options.warehouse(), spark.sparkContext().hadoopConfiguration());
    spark.sparkContext().setJobDescription("SERVE register views");
    warehouse.registerViews(spark);
    spark.sparkContext().setJobDescription(null);
    List<String> registered = new ArrayList<>();
    List<String> withData = new ArrayList<>();
    for (TableDefinition table : Tables.ALL) {
      registered.add(table.name());
      if (!warehouse.partitionDates(table).isEmpty()) {
        withData.add(table.name());
      }
    }
    settings = SessionSettings.of(spark);
    // Spark's session manager turns the Java 8 date-time API on at the first connection.
    settings.remember("spark.sql.datetime.java8API.enabled");
    // The Thrift service reads its settings from the session's Hadoop configuration, which
    // includes the session's SQL settings.
    settings.set("hive.server2.thrift.bind.host", options.bindAddress())
        .set("hive.server2.thrift.port", Integer.toString(options.port()))
        .set("hive.server2.transport.mode", "binary");
    try {
      server = HiveThriftServer2.startWithContext(spark.sqlContext());
    } catch (RuntimeException e) {
      throw OpslakeException.external("Cannot serve the warehouse: the JDBC endpoint on "
          + options.bindAddress() + ":" + options.port() + " did not start: " + e.getMessage(), e);
    }
    result = new ServeResult(options.jdbcUrl(), registered, withData);
    return result;
  }

  /** What {@link #start()} registered; null before it. */
  public ServeResult result() {
    return result;
  }

  /** Stops listening and restores the settings it changed; the SparkSession stays up (it belongs to the caller). */
  @Override
  public void close() {
    if (server != null) {
      server.stop();
      server = null;
    }
    if (settings != null) {
      settings.close();
      settings = null;
    }
  }

  /** Fails with a sentence, not a Thrift stack trace, when the address is taken or not local. */
  private static void ensurePortFree(String bindAddress, int port) {
    InetAddress address;
    try {
      address = InetAddress.getByName(bindAddress);
    } catch (UnknownHostException e) {
      throw OpslakeException.usage("Cannot serve the warehouse: --bind " + bindAddress + " is not a known address");
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(address, port));
    } catch (IOException e) {
      throw OpslakeException.external("Cannot serve the warehouse: " + bindAddress + ":" + port
          + " is not available (" + e.getMessage() + "); is another server listening there? Pick another --port",
          e);
    }
  }
}
