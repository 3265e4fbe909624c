package io.opslake.ingest.format.plaintext;

import io.opslake.errors.OpslakeException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain-text line layout in the field-token convention of the public log-parsing benchmarks,
 * e.g. {@code <Date> <Time> <Level> <Component>: <Content>}, compiled into one regular expression.
 *
 * <ul>
 *   <li>{@code <Name>} is a named field; it matches as few characters as possible ({@code .*?}),
 *       and the whole line must match, so the last field takes the rest of the line.
 *       {@code <Content>} is the message.
 *   <li>The text between fields is a regular-expression fragment, except that a run of spaces
 *       matches any run of whitespace, and a square bracket that has no partner in the same
 *       fragment is a literal bracket: {@code <Component>([<PID>])?: <Content>} (like {@code
 *       <Component>(\[<PID>\])?: <Content>}) makes a bracketed pid optional, while {@code [0-9]}
 *       inside one fragment is still a character class.
 * </ul>
 *
 * <p>Immutable, thread safe and serializable.
 */
public final class LineFormat implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern FIELD = Pattern.compile("<([^<>]+)>");
  /** The field holding the message. */
  public static final String CONTENT = "Content";

  private final String layout;
  private final List<String> fields;
  private final Pattern pattern;

  private LineFormat(String layout, List<String> fields, Pattern pattern) {
    this.layout = layout;
    this.fields = fields;
    this.pattern = pattern;
  }

  /**
   * Compiles a layout; throws IllegalArgumentException with the reason when it has no fields, a
   * field twice, or a fragment that is not a valid regular expression.
   */
  public static LineFormat compile(String layout) {
    if (layout == null || layout.isBlank()) {
      throw OpslakeException.usage("Cannot use line format: it is empty");
    }
    StringBuilder regex = new StringBuilder("^");
    List<String> fields = new ArrayList<>();
    Matcher field = FIELD.matcher(layout);
    int end = 0;
    while (field.find()) {
      regex.append(fragment(layout.substring(end, field.start())));
      String name = field.group(1);
      if (fields.contains(name)) {
        throw OpslakeException.usage("Cannot use line format " + layout + ": field <" + name + "> appears twice");
      }
      // Java group names allow letters and digits only, so groups are numbered and named here.
      regex.append("(?<f").append(fields.size()).append(">.*?)");
      fields.add(name);
      end = field.end();
    }
    if (fields.isEmpty()) {
      throw OpslakeException.usage("Cannot use line format " + layout + ": it has no <Field>");
    }
    regex.append(fragment(layout.substring(end))).append('$');
    try {
      return new LineFormat(layout, List.copyOf(fields), Pattern.compile(regex.toString()));
    } catch (java.util.regex.PatternSyntaxException e) {
      throw OpslakeException.usage(
          "Cannot use line format " + layout + ": not a valid pattern (" + e.getDescription() + ")");
    }
  }

  public String layout() {
    return layout;
  }

  /** Field names in layout order. */
  public List<String> fields() {
    return fields;
  }

  /** The compiled regular expression (fields as groups {@code f0, f1, ...}). */
  public String regex() {
    return pattern.pattern();
  }

  /** The fields of a line in layout order, or null when the line does not match the layout. */
  public Map<String, String> parse(String line) {
    Matcher matcher = pattern.matcher(line);
    if (!matcher.matches()) {
      return null;
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      values.put(fields.get(i), matcher.group("f" + i));
    }
    return values;
  }

  /**
   * The message of a line: its {@code <Content>} field (the whole line when the layout has no
   * such field), or null when the line does not match.
   */
  public String content(String line) {
    Matcher matcher = pattern.matcher(line);
    if (!matcher.matches()) {
      return null;
    }
    int index = fields.indexOf(CONTENT);
    return index < 0 ? line : matcher.group("f" + index);
  }

  /** Runs of spaces become {@code \s+}; brackets without a partner in the fragment become literal. */
  private static String fragment(String text) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        out.append(c).append(text.charAt(i + 1));
        i += 2;
      } else if (c == ' ') {
        while (i < text.length() && text.charAt(i) == ' ') {
          i++;
        }
        out.append("\\s+");
      } else if (c == '[') {
        int close = closingBracket(text, i);
        if (close < 0) {
          out.append("\\[");
          i++;
        } else {
          out.append(text, i, close + 1);
          i = close + 1;
        }
      } else if (c == ']') {
        out.append("\\]");
        i++;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static int closingBracket(String text, int open) {
    for (int i = open + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == ']' && i > open + 1) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return layout;
  }
}
