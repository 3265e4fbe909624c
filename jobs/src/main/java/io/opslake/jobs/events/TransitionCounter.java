package io.opslake.jobs.events;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Counts events per {@code original_type → type} transition and keeps the three smallest event
 * ids of each as examples (smallest, so the table is the same on every run). Partial counters are
 * built per Spark partition and merged on the driver; memory is one entry per distinct transition.
 */
public final class TransitionCounter implements Serializable {
  static final int EXAMPLES = 3;

  private record Key(String from, String to) implements Serializable {}

  private static final class Entry implements Serializable {
    long count;
    final TreeSet<String> examples = new TreeSet<>();
  }

  private final Map<Key, Entry> entries = new HashMap<>();

  public void add(String from, String to, String eventId) {
    Entry entry = entries.computeIfAbsent(new Key(from, to), key -> new Entry());
    entry.count++;
    keepSmallest(entry.examples, eventId);
  }

  private static void keepSmallest(TreeSet<String> examples, String eventId) {
    if (examples.size() < EXAMPLES) {
      examples.add(eventId);
    } else if (eventId.compareTo(examples.last()) < 0 && examples.add(eventId)) {
      examples.pollLast();
    }
  }

  public TransitionCounter merge(TransitionCounter other) {
    other.entries.forEach((key, theirs) -> {
      Entry mine = entries.computeIfAbsent(key, k -> new Entry());
      mine.count += theirs.count;
      theirs.examples.forEach(id -> keepSmallest(mine.examples, id));
    });
    return this;
  }

  /** Transitions by count, largest first (ties by type names), with their share of all events. */
  public List<ReclassifyResult.Transition> transitions() {
    long total = entries.values().stream().mapToLong(entry -> entry.count).sum();
    List<ReclassifyResult.Transition> list = new ArrayList<>();
    entries.forEach((key, entry) -> list.add(new ReclassifyResult.Transition(key.from(), key.to(), entry.count,
        total == 0 ? 0 : (double) entry.count / total, List.copyOf(entry.examples))));
    list.sort((a, b) -> a.count() != b.count() ? Long.compare(b.count(), a.count())
        : compare(a.from(), b.from()) != 0 ? compare(a.from(), b.from()) : compare(a.to(), b.to()));
    return List.copyOf(list);
  }

  private static int compare(String a, String b) {
    return Objects.equals(a, b) ? 0 : a == null ? -1 : b == null ? 1 : a.compareTo(b);
  }
}
