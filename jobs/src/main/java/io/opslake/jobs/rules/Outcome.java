package io.opslake.jobs.rules;

import java.util.List;
import java.util.Map;

/**
 * What the rules decided for one event.
 *
 * @param type the current type (the original one when no rule set it)
 * @param subtype null when no rule set it
 * @param ruleId the rule that set the type, or null
 * @param tags the raw tags followed by added ones; the raw list itself when nothing was added
 * @param attributes raw plus set/computed attributes; the raw map itself when nothing was added
 */
public record Outcome(String type, String subtype, String ruleId, List<String> tags, Map<String, String> attributes) {}
