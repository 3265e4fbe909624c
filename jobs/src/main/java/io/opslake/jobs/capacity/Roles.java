package io.opslake.jobs.capacity;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service (role) of a host when there is no inventory: the first label of the host name
 * (before the first dot), lower-cased, without a datacenter prefix (a leading word of letters and
 * digits ending in a digit, followed by {@code -}, as {@code dc0-} or {@code eu1-}) and without its
 * trailing digits and separators. {@code dc0-web07} → {@code web}, {@code dc0-kwanza01} →
 * {@code kwanza}, {@code api-3.example.com} → {@code api}, {@code db} → {@code db}. A name that
 * would leave nothing (all digits) is its own role.
 */
public final class Roles {
  private static final Pattern DATACENTER = Pattern.compile("^[a-z]+[0-9]+-(?=.)");
  private static final Pattern TRAILING = Pattern.compile("[-_.0-9]+$");

  private Roles() {}

  /** The role of {@code hostname}. */
  public static String of(String hostname) {
    String name = hostname.strip().toLowerCase(Locale.ROOT);
    int dot = name.indexOf('.');
    if (dot > 0) {
      name = name.substring(0, dot);
    }
    String withoutPrefix = DATACENTER.matcher(name).replaceFirst("");
    Matcher trailing = TRAILING.matcher(withoutPrefix);
    String role = trailing.replaceFirst("");
    return role.isEmpty() ? name : role;
  }
}
