package io.opslake.jobs.capacity;

import java.util.Locale;

/**
 * A host resource whose utilisation the capacity job fits against load per server ({@link
 * UtilisationLoadFitter}) and the plan keeps under the utilisation target ({@link FleetPlanner}).
 * The metrics each is read from are in {@link CapacityInputs}.
 */
public enum UtilisationResource {
  /** CPU: 100 − idle % (vmstat, top) or DC/OS busy %. */
  CPU("CPU", "utilisation_per_server"),
  /** Memory: 100 × used / total ({@code host.mem.used}, {@code host.mem.total}: free, top). */
  MEMORY("memory", "memory_per_server"),
  /** Open descriptors: 100 × (lsof count) / the assumed limit of 65,536 per host. */
  DESCRIPTORS("descriptor", "descriptors_per_server");

  private final String noun;
  private final String model;

  UtilisationResource(String noun, String model) {
    this.noun = noun;
    this.model = model;
  }

  /** The word in messages: {@code CPU}, {@code memory}, {@code descriptor} (… utilisation). */
  public String noun() {
    return noun;
  }

  /** The {@code capacity_model.model} of its fit. */
  public String model() {
    return model;
  }

  /** The name in tables ({@code capacity_plan.binding_constraint}): {@code cpu}, {@code memory}, {@code descriptors}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
