package io.opslake.jobs.templates;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Template ids: the first 16 hex digits of the md5 of the template text (UTF-8). A function of the
 * text alone, so the same template gets the same id in every run, on every machine.
 */
public final class TemplateIds {
  private TemplateIds() {}

  public static String of(String template) {
    try {
      byte[] digest = MessageDigest.getInstance("MD5").digest(template.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is missing from this JVM", e);
    }
  }
}
