package io.opslake.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docs/tables.md is a golden file rendered from {@link Tables}. Regenerate it after changing a
 * table with {@code mvn -pl schemas test -Dopslake.regenerate=true}.
 */
class TablesDocumentationTest {
  private static final Path DOC = Path.of("..", "docs", "tables.md");

  @Test
  void docsTablesMdMatchesTheDefinitions() throws IOException {
    String expected = TablesMarkdown.render(Tables.ALL);
    if (Boolean.getBoolean("opslake.regenerate")) {
      Files.writeString(DOC, expected, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
        .as("docs/tables.md is stale; regenerate with -Dopslake.regenerate=true")
        .isEqualTo(expected);
  }

  @Test
  void everyTableHasUniqueDocumentedColumnsAndADatePartition() {
    for (TableDefinition table : Tables.ALL) {
      Set<String> names = new HashSet<>();
      for (Column column : table.allColumns()) {
        assertThat(names.add(column.name())).as("%s.%s is unique", table.name(), column.name()).isTrue();
        assertThat(column.doc()).as("%s.%s has a doc", table.name(), column.name()).isNotBlank();
      }
      assertThat(table.partitionColumn().name()).isEqualTo("dt");
      assertThat(table.tableSchema().fieldNames()).endsWith("dt");
    }
  }

  @Test
  void rejectsANonDatePartitionColumn() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TableDefinition("t", "d",
            java.util.List.of(), Column.required("p", ColumnType.STRING, "x")))
        .hasMessage("Cannot define table t: partition column must be a DATE");
  }
}
