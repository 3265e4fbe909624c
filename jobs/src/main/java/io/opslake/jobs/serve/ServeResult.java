package io.opslake.jobs.serve;

import java.util.List;

/**
 * What a started endpoint serves.
 *
 * @param jdbcUrl the URL to connect to
 * @param tablesRegistered every table this build defines, registered as a view (empty when the
 *     warehouse has no data for it yet)
 * @param tablesWithData the registered tables that have at least one partition
 */
public record ServeResult(String jdbcUrl, List<String> tablesRegistered, List<String> tablesWithData) {
  public ServeResult {
    tablesRegistered = List.copyOf(tablesRegistered);
    tablesWithData = List.copyOf(tablesWithData);
  }
}
