package dev.azdo.pipeline.mapping;

import com.fasterxml.jackson.core.SerializableString;

/**
 * One mapped field of a compiled type: its definition (null for a field of another type, with a
 * type per row), the rule filling it, the value map and identity resolver run before the converter,
 * and the service's length limit.
 */
final class CompiledField {
  final FieldDefinition definition;
  final FieldMapping rule;
  final int ruleIndex;
  final ValueConverter converter;
  final Object constant;
  final SerializableString path;
  final boolean isTags;
  final int maxLength;
  final ValueMap valueMap;
  final IdentityMap.Resolver identity;

  CompiledField(
      FieldDefinition definition,
      FieldMapping rule,
      int ruleIndex,
      ValueConverter converter,
      Object constant,
      ValueMap valueMap,
      IdentityMap.Resolver identity) {
    this.definition = definition;
    this.rule = rule;
    this.ruleIndex = ruleIndex;
    this.converter = converter;
    this.constant = constant;
    this.valueMap = valueMap;
    this.identity = identity;
    this.path = definition == null ? null : WorkItemPatch.fieldPath(definition.referenceName());
    this.isTags =
        definition != null && definition.referenceName().equalsIgnoreCase(Converters.TAGS);
    this.maxLength = definition == null ? 0 : maxLength(definition.type());
  }

  /**
   * Returns the column's text after the value map and identity map, or null when the identity map
   * clears it.
   */
  String prepare(String text) throws ConversionException {
    String out = valueMap == null ? text : valueMap.apply(text);
    return identity == null ? out : identity.resolve(out);
  }

  // The service's documented limits: 255 characters for a string (and identity) field, 4,000
  // for an area or iteration path, 1,048,576 for long text (HTML, plain text, history).
  private static int maxLength(FieldType type) {
    return switch (type) {
      case STRING, PICKLIST_STRING, IDENTITY -> 255;
      case TREE_PATH -> 4_000;
      case HTML, PLAIN_TEXT, HISTORY -> 1_048_576;
      default -> 0;
    };
  }
}
