package dev.azdo.emulator.model;

import java.util.Collection;

/**
 * The organization's work item fields (system, process and custom); provided by the process module.
 */
public interface FieldCatalog {
  /** The field with this reference name or display name (case-insensitive), or null. */
  FieldDef find(String referenceOrName);

  /** Every field. */
  Collection<FieldDef> all();
}
