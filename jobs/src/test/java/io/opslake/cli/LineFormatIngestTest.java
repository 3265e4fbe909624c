package io.opslake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opslake.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code opslake ingest --format plaintext --line-format ...} from a file to raw_events. */
class LineFormatIngestTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LAYOUT = "<Date> <Time> <Pid> <Level> <Component>: <Content>";

  @TempDir Path temp;

  @Test
  void ingestsAnHdfsLogAndQueriesMessageComponentAndTime() throws IOException {
    SharedSpark.session();
    Path log = temp.resolve("landing/dn-07.hdfs.log");
    Files.createDirectories(log.getParent());
    Files.writeString(log, """
        081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38865049064139660 terminating
        081109 203807 222 WARN dfs.FSNamesystem: BLOCK* NameSystem.addStoredBlock: redundant
        081109 20380 222 INFO dfs.FSNamesystem: a bad time
        """);
    String warehouse = temp.resolve("warehouse").toString();

    CliRun ingest = CliRun.of("ingest", "--input", log.toString(), "--warehouse", warehouse,
        "--format", "plaintext", "--line-format", LAYOUT, "--max-bad-ratio", "0.5", "--json");

    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    JsonNode rows = query(warehouse, """
        SELECT message, labels['component'] AS component, labels['pid'] AS pid, level,
               date_format(ts, 'yyyy-MM-dd HH:mm:ss') AS ts
        FROM raw_events ORDER BY ts""");
    assertThat(rows.size()).isEqualTo(2);
    assertThat(rows.get(0).get("message").asText())
        .isEqualTo("PacketResponder 1 for block blk_38865049064139660 terminating");
    assertThat(rows.get(0).get("component").asText()).isEqualTo("dfs.DataNode$PacketResponder");
    assertThat(rows.get(0).get("pid").asText()).isEqualTo("148");
    assertThat(rows.get(0).get("ts").asText()).isEqualTo("2008-11-09 20:36:15");
    assertThat(rows.get(1).get("level").asText()).isEqualTo("warn");
    JsonNode rejected = query(warehouse, "SELECT reason FROM quarantine");
    assertThat(rejected.size()).isEqualTo(1);
    assertThat(rejected.get(0).get("reason").asText())
        .isEqualTo("time '081109 20380' matches no known date and time layout");
  }

  @Test
  void aLineFormatNeedsFormatPlaintextAndContent() {
    CliRun auto = CliRun.of("ingest", "--input", temp.toString(), "--warehouse", temp.resolve("w").toString(),
        "--line-format", LAYOUT);
    assertThat(auto.exitCode()).isEqualTo(2);
    assertThat(auto.err()).contains("Cannot ingest: --line-format needs --format plaintext");

    CliRun noContent = CliRun.of("ingest", "--input", temp.toString(), "--warehouse", temp.resolve("w").toString(),
        "--format", "plaintext", "--line-format", "<Date> <Time> <Level>");
    assertThat(noContent.exitCode()).isEqualTo(2);
    assertThat(noContent.err()).contains("Cannot use line format <Date> <Time> <Level>: it has no <Content> field");
  }

  private static JsonNode query(String warehouse, String sql) throws IOException {
    CliRun query = CliRun.of("query", "--warehouse", warehouse, "--format", "json", "-e", sql);
    assertThat(query.exitCode()).as(query.err()).isZero();
    // one JSON object per row and line
    com.fasterxml.jackson.databind.node.ArrayNode rows = JSON.createArrayNode();
    for (String line : query.out().split("\n")) {
      if (!line.isBlank()) {
        rows.add(JSON.readTree(line));
      }
    }
    return rows;
  }
}
