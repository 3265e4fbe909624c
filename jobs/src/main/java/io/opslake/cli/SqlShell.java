package io.opslake.cli;

import io.opslake.errors.OpslakeException;
import io.opslake.jobs.query.SqlSession;
import io.opslake.jobs.query.SqlStatements;
import io.opslake.jobs.query.TextTable;
import io.opslake.schemas.Column;
import io.opslake.schemas.TableDefinition;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code opslake sql} does with each piece of input, apart from reading it: backslash
 * commands ({@code \tables}, {@code \d <table>}, {@code \refresh}, {@code \help}, {@code \q}) and
 * SQL statements ended by {@code ;}, whose results are printed as text tables. The interactive
 * terminal (JLine) and a script read from a file or standard input both feed it.
 */
final class SqlShell {
  static final List<String> BACKSLASH_COMMANDS = List.of("\\tables", "\\dt", "\\d", "\\refresh", "\\help", "\\?", "\\q", "\\quit");

  static final String HELP = """
      SQL statements end with ';' and may span lines; every warehouse table is a view under its own name.
        \\tables, \\dt      list the tables with their partitions
        \\d <table>        the table's columns, types and meaning
        \\refresh          register the tables again (to see partitions written since the shell started)
        \\help, \\?         this text
        \\q, \\quit, exit   leave (Ctrl-D too)
      Tab completes table names, column names and SQL keywords; history is kept between sessions.
      """;

  /** What the reader should do after a piece of input. */
  enum Next { CONTINUE, QUIT }

  private final SqlSession session;
  private final PrintWriter out;
  private final int maxRows;
  private final int maxCellWidth;

  SqlShell(SqlSession session, PrintWriter out, int maxRows, int maxCellWidth) {
    this.session = session;
    this.out = out;
    this.maxRows = maxRows;
    this.maxCellWidth = maxCellWidth;
  }

  /** True when the input is a backslash command or a bare exit/quit, handled without a {@code ;}. */
  static boolean isCommand(String input) {
    String text = input.strip();
    return text.startsWith("\\") || isExit(text);
  }

  private static boolean isExit(String text) {
    String word = text.endsWith(";") ? text.substring(0, text.length() - 1).strip() : text;
    return word.equalsIgnoreCase("exit") || word.equalsIgnoreCase("quit");
  }

  /** Runs one backslash command; an unknown command or table is the analyst's error. */
  Next command(String input) throws IOException {
    String text = input.strip();
    if (isExit(text)) {
      return Next.QUIT;
    }
    String[] words = text.split("\\s+", 2);
    String name = words[0].toLowerCase(Locale.ROOT);
    String argument = words.length > 1 ? words[1].strip() : "";
    if (argument.endsWith(";")) {
      argument = argument.substring(0, argument.length() - 1).strip();
    }
    switch (name) {
      case "\\q", "\\quit" -> {
        return Next.QUIT;
      }
      case "\\help", "\\?" -> out.print(HELP);
      case "\\tables", "\\dt" -> listTables();
      case "\\d" -> {
        if (argument.isEmpty()) {
          listTables();
        } else {
          describe(argument);
        }
      }
      case "\\refresh" -> {
        session.refresh();
        out.println("registered the tables again");
      }
      default -> throw OpslakeException.usage("unknown command " + words[0] + "; \\help lists the commands");
    }
    out.flush();
    return Next.CONTINUE;
  }

  /** Runs the statement and prints its result. */
  void statement(String sql) {
    SqlSession.StatementResult result = session.execute(sql, maxRows);
    String seconds = String.format(Locale.ROOT, "%.2f s", result.elapsedMillis() / 1000.0);
    if (result.columns().isEmpty()) {
      out.println("OK (" + seconds + ")");
    } else {
      out.print(TextTable.render(result.columns(), result.numeric(), result.rows(), maxCellWidth));
      int rows = result.rows().size();
      out.println(result.truncated()
          ? "(first " + rows + " rows shown, more exist: --max-rows raises the limit; " + seconds + ")"
          : "(" + rows + (rows == 1 ? " row, " : " rows, ") + seconds + ")");
    }
    out.flush();
  }

  /**
   * Runs a whole script: backslash commands on their own lines, statements ended by {@code ;}, a
   * last statement without one run too. Stops at the first failure, which is rethrown so the exit
   * code says what went wrong (2 for SQL that does not parse or names an unknown table).
   */
  void script(List<String> lines) throws IOException {
    StringBuilder pending = new StringBuilder();
    for (String line : lines) {
      if (pending.toString().isBlank() && isCommand(line)) {
        pending.setLength(0);
        if (command(line) == Next.QUIT) {
          return;
        }
        continue;
      }
      pending.append(line).append('\n');
      SqlStatements.Split split = SqlStatements.split(pending.toString());
      for (String statement : split.statements()) {
        statement(statement);
      }
      pending.setLength(0);
      pending.append(split.remainder());
    }
    SqlStatements.Split last = SqlStatements.split(pending + ";");
    for (String statement : last.statements()) {
      statement(statement);
    }
  }

  private void listTables() throws IOException {
    List<List<String>> rows = new ArrayList<>();
    for (SqlSession.TableListing table : session.tables()) {
      rows.add(List.of(table.name(), Integer.toString(table.partitions()),
          table.first().map(Object::toString).orElse(""), table.last().map(Object::toString).orElse(""),
          table.description()));
    }
    out.print(TextTable.render(List.of("table", "partitions", "first", "last", "description"),
        List.of(false, true, false, false, false), rows, maxCellWidth));
  }

  private void describe(String name) {
    TableDefinition table = SqlSession.table(name).orElseThrow(() ->
        OpslakeException.usage("no table named " + name + "; \\tables lists them"));
    List<List<String>> rows = new ArrayList<>();
    for (Column column : table.allColumns()) {
      String doc = column.name().equals(table.partitionColumn().name()) ? "(partition) " + column.doc() : column.doc();
      rows.add(List.of(column.name(), column.type().sparkType().simpleString(),
          column.nullable() ? "yes" : "no", doc));
    }
    out.println(table.name() + ": " + table.description());
    out.print(TextTable.render(List.of("column", "type", "nullable", "description"),
        List.of(false, false, false, false), rows, Math.max(maxCellWidth, 100)));
  }
}
