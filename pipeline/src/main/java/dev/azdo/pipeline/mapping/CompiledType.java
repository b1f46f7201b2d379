package dev.azdo.pipeline.mapping;

import java.util.List;

/** A work item type's mapped fields, checked once, with the problems found (empty when usable). */
final class CompiledType {
  final String name;
  final List<CompiledField> fields;
  final CompiledField keyField;
  final List<String> problems;

  CompiledType(
      String name, List<CompiledField> fields, CompiledField keyField, List<String> problems) {
    this.name = name;
    this.fields = fields;
    this.keyField = keyField;
    this.problems = problems;
  }
}
