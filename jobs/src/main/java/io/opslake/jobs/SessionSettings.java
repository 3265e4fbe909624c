package io.opslake.jobs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;

/**
 * SQL settings of a {@link SparkSession} changed for a while and put back at {@link #close()}:
 * a key that was set gets its old value, a key that was unset is unset again. Commands that share
 * a session with later work (a test JVM, a workflow running several commands) use it so that what
 * they change for themselves ({@code query}'s interactive settings, {@code serve}'s Thrift
 * settings) does not leak into the next job. Not thread-safe; one owner changes and restores.
 */
public final class SessionSettings implements AutoCloseable {
  private final RuntimeConfig conf;
  private final Map<String, Optional<String>> before = new LinkedHashMap<>();

  private SessionSettings(SparkSession spark) {
    this.conf = spark.conf();
  }

  /** A handle that has changed nothing yet. */
  public static SessionSettings of(SparkSession spark) {
    return new SessionSettings(spark);
  }

  /** Sets the key, remembering its value from before the first change through this handle. */
  public SessionSettings set(String key, String value) {
    remember(key);
    conf.set(key, value);
    return this;
  }

  /**
   * Remembers the key's current value without changing it, for a setting that someone else (Spark's
   * own session manager, say) changes while this handle is open.
   */
  public SessionSettings remember(String key) {
    before.computeIfAbsent(key, k -> conf.contains(k) ? Optional.of(conf.get(k)) : Optional.empty());
    return this;
  }

  /** Puts every remembered key back as it was; closing twice is harmless, and closing throws nothing. */
  @Override
  public void close() {
    before.forEach((key, value) -> {
      if (value.isPresent()) {
        conf.set(key, value.get());
      } else {
        conf.unset(key);
      }
    });
    before.clear();
  }
}
