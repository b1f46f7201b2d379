package dev.azdo.emulator.model;

import java.util.List;

/** Work item types of each process (Agile, Scrum, Basic, CMMI); provided by the process module. */
public interface ProcessCatalog {
  /** The type with this name or reference name in the process, or null. */
  WorkItemTypeDef type(String processId, String typeName);

  /** Every type of the process, in the service's order. */
  List<WorkItemTypeDef> types(String processId);
}
