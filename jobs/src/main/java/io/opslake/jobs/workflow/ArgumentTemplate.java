package io.opslake.jobs.workflow;

import io.opslake.errors.OpslakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The descriptors' argument templates: {@code {{ ds }}} (the run date, YYYY-MM-DD, Airflow's
 * logical date), {@code {{ landing }}} and {@code {{ warehouse }}} (from the command line or the
 * config file). The same three names are Airflow macros in the DAG factory, so one descriptor
 * renders to the same arguments under both runners.
 */
public final class ArgumentTemplate {
  public static final List<String> VARIABLES = List.of("ds", "landing", "warehouse");
  private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([^}\\s]*)\\s*}}");

  private ArgumentTemplate() {}

  /** The variable names {@code argument} uses, in order. */
  public static List<String> variables(String argument) {
    List<String> names = new ArrayList<>();
    Matcher matcher = VARIABLE.matcher(argument);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  /** {@code argument} with every variable replaced by its value in {@code values}. */
  public static String render(String argument, Map<String, String> values) {
    Matcher matcher = VARIABLE.matcher(argument);
    StringBuilder rendered = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      if (value == null) {
        throw OpslakeException.usage("Cannot render '" + argument + "': unknown template variable '"
            + matcher.group(1) + "'");
      }
      matcher.appendReplacement(rendered, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(rendered);
    return rendered.toString();
  }
}
