package io.opslake.jobs.templates;

/**
 * One template found by the miner.
 *
 * @param id stable id, see {@link TemplateIds}
 * @param template the template text, parameters as {@code <*>}
 * @param occurrences how many input messages it covers
 */
public record MinedTemplate(String id, String template, long occurrences) {
  public static MinedTemplate of(String template, long occurrences) {
    return new MinedTemplate(TemplateIds.of(template), template, occurrences);
  }
}
