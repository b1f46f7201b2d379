package dev.azdo.pipeline.mapping;

import dev.azdo.pipeline.source.BoardsCsvSource;
import dev.azdo.pipeline.source.SourceSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The mapping an Azure Boards CSV brings with it, as its own Import Work Items reads it: the row's
 * Title N column to Title, {@code Work Item Type} to the type, every other column to the field of
 * that display (or reference) name, {@code ID} naming the item a row updates, and the tree's keys
 * for parent links. A column naming a field the service sets itself (Changed Date, State Change
 * Date without --bypass-rules, ...) is not imported and the plan says why; a column naming no field
 * is a plan error.
 */
public final class BoardsCsvMapping {
  // Columns the tree itself stands for.
  private static final Set<String> TREE_FIELDS =
      Set.of("system.id", "system.parent", "system.workitemtype", "system.title");

  private final MappingSpec spec;
  private final List<String> notes;

  private BoardsCsvMapping(MappingSpec spec, List<String> notes) {
    this.spec = spec;
    this.notes = List.copyOf(notes);
  }

  /**
   * Maps a Boards CSV's columns against the project's fields, keeping the job's options (value
   * maps, identity map, dates, --bypass-rules).
   *
   * @param options the job's mapping, whose options stay
   * @param schema the file's columns, as {@link BoardsCsvSource} hands them on
   */
  public static BoardsCsvMapping of(
      MappingSpec options, SourceSchema schema, FieldCatalog catalog) {
    WorkItemTypeDefinition any = TypeCompiler.anyType(catalog);
    List<String> titles =
        BoardsCsvSource.titleColumnNames(schema).stream()
            .map(c -> c.toLowerCase(Locale.ROOT))
            .toList();
    Set<String> fixed =
        Set.of(
            BoardsCsvSource.ID.toLowerCase(Locale.ROOT),
            BoardsCsvSource.TYPE.toLowerCase(Locale.ROOT),
            BoardsCsvSource.TITLE.toLowerCase(Locale.ROOT),
            BoardsCsvSource.KEY.toLowerCase(Locale.ROOT),
            BoardsCsvSource.PARENT.toLowerCase(Locale.ROOT));
    List<FieldMapping> mappings = new ArrayList<>();
    List<String> problems = new ArrayList<>(options.syntaxProblems());
    List<String> notes = new ArrayList<>();
    notes.add(
        "Azure Boards CSV: Title 1 to Title "
            + titles.size()
            + " give the tree (parent links), ID names the item a row updates, rows without one"
            + " are created");
    mappings.add(column(BoardsCsvSource.TITLE, "System.Title", "the Title N columns"));
    mappings.add(column(BoardsCsvSource.TYPE, "System.WorkItemType", null));
    for (String name : schema.columns()) {
      String folded = name.strip().toLowerCase(Locale.ROOT);
      if (folded.isEmpty() || fixed.contains(folded) || titles.contains(folded)) {
        continue;
      }
      Optional<FieldDefinition> field = any.field(name);
      if (field.isEmpty()) {
        problems.add(
            "column \""
                + name
                + "\" of the Azure Boards CSV: no field of the project has this name or reference"
                + " name (see azdo fields)");
        continue;
      }
      FieldDefinition f = field.get();
      if (TREE_FIELDS.contains(f.referenceName().toLowerCase(Locale.ROOT))) {
        notes.add("column \"" + name + "\": not imported (the tree gives " + f.label() + ")");
        continue;
      }
      FieldMapping rule = column(name, f.referenceName(), null);
      String refusal = TypeCompiler.checkField(options, rule, f);
      if (refusal != null) {
        // The service sets it itself: importing it would fail the plan or be lost.
        notes.add(
            "column \""
                + name
                + "\": not imported ("
                + refusal.substring(refusal.indexOf(": ") + 2)
                + ")");
        continue;
      }
      mappings.add(rule);
    }
    MappingSpec spec =
        options.forTree(
            mappings,
            BoardsCsvSource.KEY,
            BoardsCsvSource.PARENT,
            BoardsCsvSource.ID,
            problems,
            notes);
    return new BoardsCsvMapping(spec, notes);
  }

  private static FieldMapping column(String column, String field, String shown) {
    return new FieldMapping(
        FieldMapping.Kind.COLUMN,
        column,
        field,
        null,
        shown != null ? shown : "column \"" + column + "\"");
  }

  /** Returns the spec to plan with. */
  public MappingSpec spec() {
    return spec;
  }

  /** Returns what the plan shows first: how the file is read and the columns not imported. */
  public List<String> notes() {
    return notes;
  }
}
