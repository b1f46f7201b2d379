package dev.azdo.pipeline.mapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks mapping rules against a work item type's fields and compiles them into a {@link
 * CompiledType}: field lookups, read-only and required checks, converters and constants.
 */
final class TypeCompiler {
  static final String TYPE_FIELD = "System.WorkItemType";
  private static final Set<String> WRITABLE_WITH_BYPASS =
      Set.of("system.createddate", "system.createdby", "system.changeddate", "system.changedby");

  // Fields the service's state rules stamp or clear, and the state category that keeps them.
  private static final Map<String, String> STAMPED_ON_STATE =
      Map.of(
          "microsoft.vsts.common.activateddate", "(to an In Progress state)",
          "microsoft.vsts.common.activatedby", "(to an In Progress state)",
          "microsoft.vsts.common.resolveddate", "(to a Resolved state)",
          "microsoft.vsts.common.resolvedby", "(to a Resolved state)",
          "microsoft.vsts.common.closeddate", "(to a Completed state)",
          "microsoft.vsts.common.closedby", "(to a Completed state)",
          "microsoft.vsts.common.statechangedate", "(on every state change)");

  private TypeCompiler() {}

  /** The fields of every type of the project (the first type's wins), none required. */
  static WorkItemTypeDefinition anyType(FieldCatalog catalog) {
    Map<String, FieldDefinition> fields = new java.util.LinkedHashMap<>();
    for (String name : catalog.workItemTypes()) {
      for (FieldDefinition f : catalog.workItemType(name).orElseThrow().fields()) {
        fields.putIfAbsent(
            f.referenceName().toLowerCase(Locale.ROOT),
            new FieldDefinition(
                f.referenceName(), f.name(), f.type(), f.readOnly(), false, f.allowedValues()));
      }
    }
    return new WorkItemTypeDefinition(null, new ArrayList<>(fields.values()));
  }

  /** With a type per row, a field must exist in at least one type; other checks run per type. */
  static List<String> checkAgainstAnyType(
      MappingSpec spec, List<FieldMapping> rules, FieldCatalog catalog) {
    List<String> problems = new ArrayList<>();
    for (FieldMapping rule : rules) {
      boolean found = false;
      for (String name : catalog.workItemTypes()) {
        WorkItemTypeDefinition type = catalog.workItemType(name).orElseThrow();
        Optional<FieldDefinition> field = type.field(rule.field());
        if (field.isPresent()) {
          found = true;
          String problem = checkField(spec, rule, field.get());
          if (problem != null) {
            problems.add(problem);
          }
          break;
        }
      }
      if (!found) {
        problems.add(
            rule.origin()
                + ": field \""
                + rule.field()
                + "\" is not a field of any work item type");
      }
    }
    return problems;
  }

  static String checkField(MappingSpec spec, FieldMapping rule, FieldDefinition field) {
    String stampedBy = STAMPED_ON_STATE.get(field.referenceName().toLowerCase(Locale.ROOT));
    if (stampedBy != null && !spec.bypassRules()) {
      // The service accepts these fields without an error and then writes its own value over
      // them (or clears them): without --bypass-rules the mapped value would be lost silently.
      return rule.origin()
          + ": field "
          + field.label()
          + " is set by the service when the state changes "
          + stampedBy
          + ", so a value sent without --bypass-rules is not kept; add --bypass-rules (and map a"
          + " state that has it) or remove the mapping";
    }
    if (field.readOnly()) {
      if (!spec.bypassRules()
          || (stampedBy == null
              && !WRITABLE_WITH_BYPASS.contains(field.referenceName().toLowerCase(Locale.ROOT)))) {
        return rule.origin()
            + ": field "
            + field.label()
            + " is read-only"
            + (WRITABLE_WITH_BYPASS.contains(field.referenceName().toLowerCase(Locale.ROOT))
                ? "; it can only be set with --bypass-rules"
                : field.referenceName().equalsIgnoreCase("System.Id")
                    ? "; a column of ids names the items to update with --key "
                        + (rule.kind() == FieldMapping.Kind.COLUMN ? rule.source() : "COLUMN")
                        + "=System.Id (endpoint update-workitem)"
                    : "");
      }
    }
    String optionProblem = Converters.checkOption(field, rule.option());
    if (optionProblem != null) {
      return rule.origin() + ": " + optionProblem;
    }
    if (rule.kind() == FieldMapping.Kind.CONSTANT && !rule.source().isBlank()) {
      try {
        Converters.forField(field, rule.option(), spec.dateFormats(), spec.zone())
            .convert(rule.source());
      } catch (ConversionException e) {
        return rule.origin() + ": " + e.getMessage();
      }
    }
    return null;
  }

  static CompiledType compile(
      MappingSpec spec,
      List<FieldMapping> rules,
      WorkItemTypeDefinition type,
      boolean perRow,
      InputMaps inputs) {
    List<String> problems = new ArrayList<>();
    List<CompiledField> fields = new ArrayList<>();
    Map<String, String> mappedFrom = new HashMap<>();
    for (int i = 0; i < rules.size(); i++) {
      FieldMapping rule = rules.get(i);
      Optional<FieldDefinition> found = type.field(rule.field());
      if (found.isEmpty() && perRow) {
        // With a type per row, a field of other types only fails rows that give it a value.
        if (rule.kind() != FieldMapping.Kind.CONSTANT) {
          fields.add(new CompiledField(null, rule, i, null, null, null, null));
        }
        continue;
      }
      if (found.isEmpty()) {
        problems.add(
            rule.origin()
                + ": field \""
                + rule.field()
                + "\" is not a field of work item type \""
                + type.name()
                + "\""
                + suggest(rule.field(), type));
        continue;
      }
      FieldDefinition field = found.get();
      String previous =
          mappedFrom.putIfAbsent(field.referenceName().toLowerCase(Locale.ROOT), rule.origin());
      if (previous != null) {
        problems.add(
            rule.origin() + ": field " + field.label() + " is already mapped by " + previous);
        continue;
      }
      String problem = checkField(spec, rule, field);
      if (problem != null) {
        problems.add(problem);
        continue;
      }
      ValueConverter converter =
          Converters.forField(field, rule.option(), spec.dateFormats(), spec.zone());
      Object constant = null;
      if (rule.kind() == FieldMapping.Kind.CONSTANT && !rule.source().isBlank()) {
        try {
          constant = converter.convert(rule.source());
        } catch (ConversionException e) {
          // Already reported by checkField.
        }
      }
      fields.add(
          new CompiledField(
              field, rule, i, converter, constant, inputs.valueMap(field), inputs.identity(field)));
    }
    CompiledField keyField = null;
    if (spec.keyColumn() != null && spec.keyField() != null && !spec.keyIsWorkItemId()) {
      Optional<FieldDefinition> found = type.field(spec.keyField());
      if (found.isEmpty()) {
        problems.add(
            "--key: field \""
                + spec.keyField()
                + "\" is not a field of work item type \""
                + type.name()
                + "\""
                + suggest(spec.keyField(), type));
      } else if (!mappedFrom.containsKey(found.get().referenceName().toLowerCase(Locale.ROOT))) {
        FieldDefinition field = found.get();
        mappedFrom.put(field.referenceName().toLowerCase(Locale.ROOT), "--key");
        keyField =
            new CompiledField(
                field,
                new FieldMapping(
                    FieldMapping.Kind.COLUMN,
                    spec.keyColumn(),
                    field.referenceName(),
                    null,
                    "--key"),
                -1,
                Converters.forField(field, null, spec.dateFormats(), spec.zone()),
                null,
                null,
                null);
      }
    }
    for (FieldDefinition field : type.fields()) {
      if (spec.checkRequired()
          && field.required()
          && !field.readOnly()
          && !field.referenceName().equalsIgnoreCase(TYPE_FIELD)
          && !mappedFrom.containsKey(field.referenceName().toLowerCase(Locale.ROOT))) {
        problems.add(
            "field "
                + field.label()
                + " is required by work item type \""
                + type.name()
                + "\" but not mapped; add --map COLUMN="
                + field.referenceName()
                + " or --set "
                + field.referenceName()
                + "=VALUE");
      }
    }
    return new CompiledType(type.name(), fields, keyField, problems);
  }

  private static String suggest(String wanted, WorkItemTypeDefinition type) {
    String folded = wanted.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = 4;
    for (FieldDefinition field : type.fields()) {
      for (String candidate : List.of(field.referenceName(), field.name())) {
        int d = EditDistance.between(folded, candidate.toLowerCase(Locale.ROOT));
        if (d < bestDistance) {
          bestDistance = d;
          best = field.referenceName();
        }
      }
    }
    return best == null ? "" : " (did you mean " + best + "?)";
  }
}
