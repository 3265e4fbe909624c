package io.opslake.jobs.events;

import java.io.Serializable;

/**
 * Maps an event's message to the id of the mined template it belongs to (see the {@code patterns}
 * table). Shipped to executors by the reclassify job, hence serializable.
 */
@FunctionalInterface
public interface TemplateAssigner extends Serializable {
  /** The template id of {@code message}, or null when no template matches (or message is null). */
  String templateIdOf(String message);

  /** No templates mined yet: every event's template_id stays null. */
  static TemplateAssigner none() {
    return message -> null;
  }
}
