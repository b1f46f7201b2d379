package dev.azdo.emulator.process;

import dev.azdo.emulator.core.SystemProcess;
import dev.azdo.emulator.model.FieldCatalog;
import dev.azdo.emulator.model.FieldDef;
import dev.azdo.emulator.model.ProcessCatalog;
import dev.azdo.emulator.model.StateDef;
import dev.azdo.emulator.model.WorkItemTypeDef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The organization's fields and the work item types of every system process, with the custom fields
 * from the emulator's settings added to every type as an inherited process would have them.
 * Immutable once built, so lookups need no locking.
 */
public final class TemplateCatalog implements ProcessCatalog, FieldCatalog {
  /** The Agile process id, used for projects whose process the catalog does not know. */
  public static final String AGILE = SystemProcess.AGILE.id();

  private static final Map<String, String> CUSTOM_TYPES = customTypes();

  private final Map<String, FieldDef> byRef = new LinkedHashMap<>();
  private final Map<String, FieldDef> byKey = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  // byKey's entries under their stored spelling: rendering a work item looks up each of its
  // fields, and a hash lookup is a fraction of the tree's case-insensitive compares.
  private final Map<String, FieldDef> bySpelling = new HashMap<>();
  private final Map<String, List<WorkItemTypeDef>> types =
      new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final Map<String, String> processNames = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final Map<String, Map<String, String>> helpTexts =
      new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final Map<String, List<ProcessTemplates.Category>> categories =
      new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final List<ProcessTemplates.RelationType> relationTypes;

  /** Builds the catalog from the templates and custom field specs ("Custom.NAME[:type]"). */
  public TemplateCatalog(ProcessTemplates templates, List<String> customFields) {
    for (FieldDef f : templates.fields()) {
      add(f);
    }
    List<String> custom = new ArrayList<>();
    for (String spec : customFields) {
      FieldDef f = customField(spec);
      FieldDef clash = byKey.get(f.name());
      if (clash != null && !clash.referenceName().equals(f.referenceName())) {
        // The service refuses a field whose name another field already has (VS402803).
        throw new IllegalArgumentException(
            "custom field "
                + spec
                + ": the name "
                + f.name()
                + " is already used by "
                + clash.referenceName());
      }
      if (!byRef.containsKey(f.referenceName())) {
        add(f);
        custom.add(f.referenceName());
      }
    }
    for (ProcessTemplates.Process p : templates.processes()) {
      processNames.put(p.id(), p.name());
      List<WorkItemTypeDef> defs = new ArrayList<>();
      for (ProcessTemplates.TypeTemplate t : p.types()) {
        defs.add(toDef(t, custom));
        helpTexts.put(p.id() + "|" + t.name(), t.helpText());
      }
      types.put(p.id(), List.copyOf(defs));
      categories.put(p.id(), p.categories() == null ? List.of() : List.copyOf(p.categories()));
    }
    this.relationTypes = List.copyOf(templates.relationTypes());
    bySpelling.putAll(byKey);
  }

  private void add(FieldDef f) {
    byRef.put(f.referenceName(), f);
    byKey.put(f.referenceName(), f);
    byKey.putIfAbsent(f.name(), f);
  }

  private static WorkItemTypeDef toDef(ProcessTemplates.TypeTemplate t, List<String> custom) {
    List<String> fields = new ArrayList<>(t.fields());
    fields.addAll(custom);
    List<StateDef> states = new ArrayList<>();
    Map<String, String> reasons = new LinkedHashMap<>();
    for (ProcessTemplates.StateTemplate s : t.states()) {
      states.add(new StateDef(s.name(), s.color(), s.category()));
      reasons.put(s.name(), s.reason());
    }
    return new WorkItemTypeDef(
        t.name(),
        t.referenceName(),
        t.description(),
        t.color(),
        t.icon(),
        List.copyOf(fields),
        List.copyOf(t.requiredFields()),
        Collections.unmodifiableMap(new LinkedHashMap<>(t.defaults())),
        List.copyOf(states),
        Collections.unmodifiableMap(reasons));
  }

  /** Parses "Custom.NAME[:type]"; the display name is NAME and the type defaults to string. */
  static FieldDef customField(String spec) {
    int colon = spec.indexOf(':');
    String ref = colon < 0 ? spec : spec.substring(0, colon);
    String type =
        colon < 0 ? "string" : CUSTOM_TYPES.get(spec.substring(colon + 1).toLowerCase(Locale.ROOT));
    if (type == null) {
      throw new IllegalArgumentException(
          "unknown custom field type in " + spec + "; use one of " + CUSTOM_TYPES.values());
    }
    String name = ref.substring(ref.indexOf('.') + 1);
    return new FieldDef(ref, name, type, false, "identity".equals(type), List.of(), null);
  }

  private static Map<String, String> customTypes() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String t :
        List.of(
            "string",
            "integer",
            "double",
            "dateTime",
            "boolean",
            "html",
            "plainText",
            "identity")) {
      m.put(t.toLowerCase(Locale.ROOT), t);
    }
    m.put("int", "integer");
    m.put("date", "dateTime");
    m.put("datetime", "dateTime");
    m.put("text", "plainText");
    return Collections.unmodifiableMap(m);
  }

  @Override
  public FieldDef find(String referenceOrName) {
    if (referenceOrName == null) {
      return null;
    }
    String key = referenceOrName.trim();
    FieldDef f = bySpelling.get(key);
    return f != null ? f : byKey.get(key);
  }

  @Override
  public Collection<FieldDef> all() {
    return Collections.unmodifiableCollection(byRef.values());
  }

  @Override
  public WorkItemTypeDef type(String processId, String typeName) {
    if (typeName == null) {
      return null;
    }
    for (WorkItemTypeDef t : types(processId)) {
      if (t.name().equalsIgnoreCase(typeName) || t.referenceName().equalsIgnoreCase(typeName)) {
        return t;
      }
    }
    return null;
  }

  @Override
  public List<WorkItemTypeDef> types(String processId) {
    List<WorkItemTypeDef> t = processId == null ? null : types.get(processId);
    return t == null ? List.of() : t;
  }

  /** True when the process id is one of the system processes. */
  public boolean knowsProcess(String processId) {
    return processId != null && types.containsKey(processId);
  }

  /** The process's name (Agile, Scrum, Basic, CMMI), or null. */
  public String processName(String processId) {
    return processId == null ? null : processNames.get(processId);
  }

  /** The help text a type shows for a field, or null. */
  public String helpText(String processId, String typeName, String fieldRef) {
    Map<String, String> h = helpTexts.get(processId + "|" + typeName);
    return h == null ? null : h.get(fieldRef);
  }

  /** The process's work item type categories, in the service's order. */
  public List<ProcessTemplates.Category> categories(String processId) {
    List<ProcessTemplates.Category> c = processId == null ? null : categories.get(processId);
    return c == null ? List.of() : c;
  }

  /** The work item link and resource link types, in the service's order. */
  public List<ProcessTemplates.RelationType> relationTypes() {
    return relationTypes;
  }
}
