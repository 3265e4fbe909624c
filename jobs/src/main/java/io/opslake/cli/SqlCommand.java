package io.opslake.cli;

import io.opslake.jobs.SessionSettings;
import io.opslake.errors.OpslakeException;
import io.opslake.jobs.Jobs;
import io.opslake.jobs.query.SqlSession;
import io.opslake.jobs.query.SqlStatements;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.jline.reader.Completer;
import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code opslake sql}: an interactive SQL shell on one warm Spark session, so an analyst pays
 * Spark's start-up once rather than per question ({@code opslake query}). Line editing, history
 * and completion come from JLine 3 (BSD licence); statements end with {@code ;} and may span
 * lines. Without a terminal (input piped in) or with {@code --file}, it runs the script and stops
 * at the first failing statement with that statement's exit code.
 */
@Command(
    name = "sql",
    description = "An interactive SQL shell on one warm session; every table is a view under its own name.",
    mixinStandardHelpOptions = true)
final class SqlCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin WarehouseOption warehouse;

  @Option(names = {"-f", "--file"}, paramLabel = "<file.sql>",
      description = "Run the statements and backslash commands of this file, then exit.")
  Path file;

  @Option(names = "--max-rows", defaultValue = "100", paramLabel = "<n>",
      description = "Rows shown per result (default: ${DEFAULT-VALUE}).")
  int maxRows;

  @Option(names = "--max-width", defaultValue = "60", paramLabel = "<chars>",
      description = "Widest a value is shown before it is cut with … (default: ${DEFAULT-VALUE}).")
  int maxWidth;

  @Option(names = "--history-file", paramLabel = "<path>",
      description = "Where the interactive history is kept (default: ~/.opslake_sql_history).")
  Path historyFile;

  /** SQL words offered by completion beside the table and column names. */
  private static final List<String> KEYWORDS = List.of(
      "SELECT", "FROM", "WHERE", "GROUP BY", "ORDER BY", "HAVING", "LIMIT", "JOIN", "LEFT JOIN",
      "INNER JOIN", "ON", "USING", "AS", "AND", "OR", "NOT", "IN", "IS NULL", "IS NOT NULL", "LIKE",
      "RLIKE", "BETWEEN", "CASE", "WHEN", "THEN", "ELSE", "END", "DISTINCT", "UNION ALL", "WITH",
      "DESC", "ASC", "OVER", "PARTITION BY", "EXPLAIN", "SHOW TABLES", "DESCRIBE", "CACHE TABLE",
      "UNCACHE TABLE", "count", "sum", "avg", "min", "max", "percentile_approx", "approx_count_distinct",
      "date_trunc", "to_date", "hour", "date_format", "coalesce", "round", "lag", "lead", "row_number");

  @Override
  public Integer call() throws Exception {
    if (maxRows < 1) {
      throw OpslakeException.usage("Cannot start the shell: --max-rows must be at least 1, not " + maxRows);
    }
    if (maxWidth < 4) {
      throw OpslakeException.usage("Cannot start the shell: --max-width must be at least 4, not " + maxWidth);
    }
    if (file != null && !Files.isRegularFile(file)) {
      throw OpslakeException.usage("Cannot run the script: --file " + file + " does not exist");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean interactive = file == null && System.console() != null;
    SparkSession spark = SparkSessions.create("opslake sql");
    try (SessionSettings settings = SparkSessions.interactive(spark)) {
      SqlSession session = Jobs.sql(spark, warehouse.uri);
      if (!interactive) {
        List<String> lines = file != null
            ? Files.readAllLines(file, StandardCharsets.UTF_8)
            : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).lines().toList();
        new SqlShell(session, out, maxRows, maxWidth).script(lines);
        return 0;
      }
      return interactive(session, err);
    }
  }

  private int interactive(SqlSession session, PrintWriter err) throws IOException {
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      PrintWriter screen = terminal.writer();
      SqlShell shell = new SqlShell(session, screen, maxRows, maxWidth);
      List<String> candidates = new ArrayList<>(KEYWORDS);
      candidates.addAll(SqlSession.names());
      candidates.addAll(SqlShell.BACKSLASH_COMMANDS);
      Completer completer = new StringsCompleter(candidates);
      Path history = historyFile != null ? historyFile
          : Path.of(System.getProperty("user.home"), ".opslake_sql_history");
      LineReader reader = LineReaderBuilder.builder()
          .terminal(terminal)
          .appName("opslake sql")
          .parser(new StatementParser())
          .completer(completer)
          .variable(LineReader.HISTORY_FILE, history)
          .variable(LineReader.SECONDARY_PROMPT_PATTERN, "      -> ")
          .option(LineReader.Option.CASE_INSENSITIVE, true)
          .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
          .build();
      screen.println(String.format(Locale.ROOT,
          "opslake sql: %d tables of %s registered. End statements with ';'. \\help for help, \\q to quit.",
          session.tables().size(), session.location()));
      screen.flush();
      while (true) {
        String input;
        try {
          input = reader.readLine("opslake> ");
        } catch (UserInterruptException e) {
          continue; // Ctrl-C drops the statement being typed, as in psql
        } catch (EndOfFileException e) {
          return 0;
        }
        try {
          if (SqlShell.isCommand(input)) {
            if (shell.command(input) == SqlShell.Next.QUIT) {
              return 0;
            }
            continue;
          }
          // StatementParser accepted the input only once its last statement was ended by ';'.
          for (String statement : SqlStatements.split(input).statements()) {
            shell.statement(statement);
          }
        } catch (RuntimeException e) {
          OpslakeException typed = OpslakeException.find(e);
          String message = typed != null ? typed.getMessage() : e.getMessage();
          screen.println("error: " + (message == null ? e.toString() : message));
          screen.flush();
        }
      }
    }
  }

  /**
   * Tells JLine when the input is complete: a backslash command at once, SQL only once its last
   * statement is ended by a {@code ;} outside quotes and comments (until then JLine shows the
   * continuation prompt). The backslash is not an escape character here, so {@code \d} arrives
   * as typed.
   */
  private static final class StatementParser extends DefaultParser {
    StatementParser() {
      escapeChars(new char[0]);
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
      if (context == ParseContext.ACCEPT_LINE && !line.isBlank() && !SqlShell.isCommand(line)
          && !SqlStatements.split(line).remainderIsBlank()) {
        throw new EOFError(-1, -1, "the statement is not ended by ;", ";");
      }
      return super.parse(line, cursor, context);
    }
  }
}
