package dev.azdo.pipeline.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The work item types of a project and their fields, against which a mapping is checked; the client
 * adapter fills it from {@code _apis/wit/workitemtypes}, tests and dry runs may build one.
 */
public interface FieldCatalog {

  /** Finds a work item type by name, case-insensitively. */
  Optional<WorkItemTypeDefinition> workItemType(String name);

  /** Returns the names of all work item types. */
  List<String> workItemTypes();

  /** Returns a catalogue holding the given types. */
  static FieldCatalog of(List<WorkItemTypeDefinition> types) {
    Map<String, WorkItemTypeDefinition> byName = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    for (WorkItemTypeDefinition type : types) {
      byName.put(type.name().toLowerCase(Locale.ROOT), type);
      names.add(type.name());
    }
    List<String> frozen = List.copyOf(names);
    return new FieldCatalog() {
      @Override
      public Optional<WorkItemTypeDefinition> workItemType(String name) {
        return Optional.ofNullable(byName.get(name.strip().toLowerCase(Locale.ROOT)));
      }

      @Override
      public List<String> workItemTypes() {
        return frozen;
      }
    };
  }
}
