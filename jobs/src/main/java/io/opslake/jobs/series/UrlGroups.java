package io.opslake.jobs.series;

import java.util.regex.Pattern;

/**
 * The URL group of a request URL: its path with the ids masked, so that {@code
 * http://shop/users/42/orders/7?page=2} and {@code /users/43/orders/9} fall into one group, {@code
 * /users/{num}/orders/{num}}. Plain Java; the series job runs it as a Spark function.
 *
 * <p>The rule (docs/series.md#url-groups):
 *
 * <ol>
 *   <li>the scheme and authority ({@code http://host:port}) are dropped, as are the query string
 *       ({@code ?…}) and the fragment ({@code #…});
 *   <li>the path is cut at {@code /} into segments; empty segments (a doubled or trailing slash)
 *       are dropped; a path with no segment is {@code /};
 *   <li>a segment that is a UUID (8-4-4-4-12 hex digits) becomes {@code {uuid}}; one that is a
 *       number (digits, optionally a sign and a fraction) becomes {@code {num}}; one of at least 8
 *       hex digits holding a digit and a letter (md5, sha, object ids) becomes {@code {hex}}; one
 *       of at least 16 letters, digits, {@code -} or {@code _} holding both a letter and a digit
 *       (tokens, base64 ids) becomes {@code {id}}. Every other segment, e.g. {@code page12} or
 *       {@code v2}, is kept as it is (case too).
 * </ol>
 *
 * A null or blank URL has no group (null).
 */
public final class UrlGroups {
  private static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(\\.\\d+)?");
  private static final Pattern HEX = Pattern.compile("(?=.*\\d)(?=.*[a-fA-F])[0-9a-fA-F]{8,}");
  private static final Pattern TOKEN = Pattern.compile("(?=.*\\d)(?=.*[A-Za-z])[A-Za-z0-9_-]{16,}");

  private UrlGroups() {}

  /** The group of {@code url}, or null when it is null or blank. */
  public static String of(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    String path = withoutQueryAndFragment(url.trim());
    path = withoutSchemeAndAuthority(path);
    StringBuilder group = new StringBuilder();
    for (String segment : path.split("/")) {
      if (!segment.isEmpty()) {
        group.append('/').append(mask(segment));
      }
    }
    return group.length() == 0 ? "/" : group.toString();
  }

  static String mask(String segment) {
    if (UUID.matcher(segment).matches()) {
      return "{uuid}";
    }
    if (NUMBER.matcher(segment).matches()) {
      return "{num}";
    }
    if (HEX.matcher(segment).matches()) {
      return "{hex}";
    }
    if (TOKEN.matcher(segment).matches()) {
      return "{id}";
    }
    return segment;
  }

  private static String withoutQueryAndFragment(String url) {
    int end = url.length();
    int query = url.indexOf('?');
    int fragment = url.indexOf('#');
    if (query >= 0) {
      end = query;
    }
    if (fragment >= 0 && fragment < end) {
      end = fragment;
    }
    return url.substring(0, end);
  }

  private static String withoutSchemeAndAuthority(String url) {
    int scheme = url.indexOf("://");
    if (scheme < 0 || url.substring(0, scheme).contains("/")) {
      return url;
    }
    int path = url.indexOf('/', scheme + 3);
    return path < 0 ? "" : url.substring(path);
  }
}
