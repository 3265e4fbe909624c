package io.opslake.schemas;

import java.util.List;

/**
 * Renders docs/tables.md from the table definitions, so the documentation is the code's own
 * description; a test fails when the committed file differs.
 */
public final class TablesMarkdown {
  private TablesMarkdown() {}

  public static String render(List<TableDefinition> tables) {
    StringBuilder md = new StringBuilder();
    md.append("# Tables\n\n");
    md.append("<!-- Generated from schemas/src/main/java/io/opslake/schemas/Tables.java by\n");
    md.append("     `mvn -pl schemas test -Dopslake.regenerate=true`; edit the code, not this file. -->\n\n");
    md.append("Every table lives at `<warehouse>/<table>/` as Hive-style partitions `dt=YYYY-MM-DD/`\n");
    md.append("holding Parquet files (Snappy; timestamps as INT64 micros, UTC), readable by Spark, DuckDB,\n");
    md.append("Trino and pandas. In `bin/opslake query` each table is a view under its own name.\n");
    md.append("The partition column is never stored inside the files; readers take it from the directory.\n\n");
    for (TableDefinition table : tables) {
      md.append("## `").append(table.name()).append("`\n\n");
      md.append(table.description()).append("\n\n");
      md.append("| column | type | null | meaning |\n|---|---|---|---|\n");
      for (Column column : table.allColumns()) {
        md.append("| `").append(column.name()).append("` | ")
            .append(column.type().sparkType().simpleString()).append(" | ")
            .append(column.nullable() ? "yes" : "no").append(" | ")
            .append(column.doc().replace("|", "\\|")).append(" |\n");
      }
      md.append('\n');
    }
    return md.toString();
  }
}
