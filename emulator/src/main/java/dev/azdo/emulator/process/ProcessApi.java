package dev.azdo.emulator.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.core.SystemProcess;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.http.ApiRequest;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.model.FieldDef;
import dev.azdo.emulator.model.Project;
import dev.azdo.emulator.model.ProjectDirectory;
import dev.azdo.emulator.model.StateDef;
import dev.azdo.emulator.model.WorkItemTypeDef;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The wit metadata resources: fields, work item types with their fields and states, link (relation)
 * types and work item icons, in the JSON shapes of the service's 7.1 examples.
 */
final class ProcessApi {
  /** $expand of workItemTypes/{type}/fields, accepted by name or number as the service does. */
  enum FieldsExpand {
    NONE,
    ALLOWEDVALUES,
    DEPENDENTFIELDS,
    ALL
  }

  private static final String[][] OPERATIONS = {
    {"Equals", "="},
    {"NotEquals", "<>"},
    {"GreaterThan", ">"},
    {"LessThan", "<"},
    {"GreaterThanEquals", ">="},
    {"LessThanEquals", "<="},
    {"Contains", "Contains"},
    {"NotContains", "Does Not Contain"},
    {"In", "In"},
    {"NotIn", "Not In"},
    {"InGroup", "In Group"},
    {"NotInGroup", "Not In Group"},
    {"Ever", "Was Ever"},
    {"EqualsField", "= [Field]"},
    {"NotEqualsField", "<> [Field]"},
    {"GreaterThanField", "> [Field]"},
    {"LessThanField", "< [Field]"},
    {"GreaterThanEqualsField", ">= [Field]"},
    {"LessThanEqualsField", "<= [Field]"},
    {"Under", "Under"},
    {"NotUnder", "Not Under"}
  };

  private final EmulatorContext ctx;
  private final TemplateCatalog catalog;

  ProcessApi(EmulatorContext ctx, TemplateCatalog catalog) {
    this.ctx = ctx;
    this.catalog = catalog;
  }

  // ---- fields -------------------------------------------------------------------------------

  /** GET [{project}/]_apis/wit/fields: every field of the organization. */
  Object listFields(ApiRequest req) {
    projectOrNull(req);
    List<JsonNode> out = new ArrayList<>();
    for (FieldDef f : catalog.all()) {
      out.add(fieldJson(f, req.baseUrl()));
    }
    return Json.list(out);
  }

  /** GET [{project}/]_apis/wit/fields/{fieldNameOrRefName}. */
  Object getField(ApiRequest req) {
    projectOrNull(req);
    String name = req.route("fieldNameOrRefName");
    if (name == null) {
      return listFields(req);
    }
    return fieldJson(requireField(name), req.baseUrl());
  }

  private FieldDef requireField(String name) {
    FieldDef f = catalog.find(name);
    if (f == null) {
      throw ApiException.notFound(
          "WorkItemTrackingFieldDefinitionNotFoundException",
          "TF51535: Cannot find field " + name + ".");
    }
    return f;
  }

  static ObjectNode fieldJson(FieldDef f, String baseUrl) {
    ObjectNode n = Json.object();
    n.put("name", f.name());
    n.put("referenceName", f.referenceName());
    if (f.description() != null) {
      n.put("description", f.description());
    }
    n.put("type", f.type());
    n.put("usage", "workItem");
    n.put("readOnly", f.readOnly());
    boolean longText = isLongText(f.type());
    // The service cannot sort by long-text fields (html, history, plainText).
    n.put("canSortBy", !longText);
    n.put("isQueryable", true);
    ArrayNode ops = n.putArray("supportedOperations");
    for (String op : operations(f)) {
      for (String[] o : OPERATIONS) {
        if (o[0].equals(op)) {
          ops.addObject().put("referenceName", "SupportedOperations." + o[0]).put("name", o[1]);
        }
      }
    }
    n.put("isIdentity", f.identity());
    n.put("isPicklist", false);
    n.put("isPicklistSuggested", false);
    n.put("url", baseUrl + "_apis/wit/fields/" + f.referenceName());
    return n;
  }

  private static boolean isLongText(String type) {
    return "html".equals(type) || "history".equals(type) || "plainText".equals(type);
  }

  private static List<String> operations(FieldDef f) {
    List<String> compare =
        List.of(
            "Equals",
            "NotEquals",
            "GreaterThan",
            "LessThan",
            "GreaterThanEquals",
            "LessThanEquals");
    List<String> fieldCompare =
        List.of(
            "EqualsField",
            "NotEqualsField",
            "GreaterThanField",
            "LessThanField",
            "GreaterThanEqualsField",
            "LessThanEqualsField");
    List<String> out = new ArrayList<>();
    switch (f.type()) {
      case "treePath" -> out.addAll(List.of("Under", "NotUnder", "Equals", "NotEquals", "In"));
      case "html", "history", "plainText" -> out.addAll(List.of("Contains", "NotContains"));
      case "boolean" -> out.addAll(List.of("Equals", "NotEquals", "EqualsField", "NotEqualsField"));
      case "integer", "double", "dateTime" -> {
        out.addAll(compare);
        out.addAll(List.of("In", "NotIn"));
        if (!f.readOnly()) {
          out.add("Ever");
        }
        out.addAll(fieldCompare);
      }
      default -> {
        out.addAll(compare);
        out.addAll(List.of("Contains", "NotContains", "In", "NotIn", "InGroup", "NotInGroup"));
        if (!f.readOnly()) {
          out.add("Ever");
        }
        out.addAll(fieldCompare);
      }
    }
    return out;
  }

  // ---- work item types ----------------------------------------------------------------------

  /** GET {project}/_apis/wit/workitemtypes[/{type}]. */
  Object workItemTypes(ApiRequest req) {
    Project p = project(req);
    String processId = processOf(p);
    String name = req.route("type");
    if (name != null) {
      return typeJson(processId, requireType(p, processId, name), p, req.baseUrl());
    }
    List<JsonNode> out = new ArrayList<>();
    for (WorkItemTypeDef t : catalog.types(processId)) {
      out.add(typeJson(processId, t, p, req.baseUrl()));
    }
    return Json.list(out);
  }

  /** GET {project}/_apis/wit/workitemtypes/{type}/fields[/{field}] with $expand. */
  Object typeFields(ApiRequest req) {
    Project p = project(req);
    String processId = processOf(p);
    WorkItemTypeDef t = requireType(p, processId, req.requireRoute("type"));
    FieldsExpand expand = req.queryEnum("$expand", FieldsExpand.class, FieldsExpand.NONE);
    boolean allowed = expand == FieldsExpand.ALLOWEDVALUES || expand == FieldsExpand.ALL;
    boolean dependent = expand == FieldsExpand.DEPENDENTFIELDS || expand == FieldsExpand.ALL;
    String one = req.route("field");
    if (one != null) {
      FieldDef f = requireField(one);
      if (!t.fields().contains(f.referenceName())) {
        throw ApiException.notFound(
            "WorkItemTrackingFieldDefinitionNotFoundException",
            "TF51535: Cannot find field " + one + ".");
      }
      return typeFieldJson(processId, t, f, req.baseUrl(), allowed, dependent, true);
    }
    List<JsonNode> out = new ArrayList<>();
    for (String ref : t.fields()) {
      FieldDef f = catalog.find(ref);
      if (f != null) {
        out.add(typeFieldJson(processId, t, f, req.baseUrl(), allowed, dependent, true));
      }
    }
    return Json.list(out);
  }

  /** GET {project}/_apis/wit/workitemtypes/{type}/states. */
  Object typeStates(ApiRequest req) {
    Project p = project(req);
    String processId = processOf(p);
    WorkItemTypeDef t = requireType(p, processId, req.requireRoute("type"));
    List<JsonNode> out = new ArrayList<>();
    for (StateDef s : t.states()) {
      out.add(stateJson(s));
    }
    return Json.list(out);
  }

  private static ObjectNode stateJson(StateDef s) {
    ObjectNode n = Json.object();
    n.put("name", s.name());
    n.put("color", s.color());
    n.put("category", s.category());
    return n;
  }

  private WorkItemTypeDef requireType(Project p, String processId, String name) {
    WorkItemTypeDef t = catalog.type(processId, name);
    if (t == null) {
      throw ApiException.notFound(
          "WorkItemTypeNotFoundException",
          "VS402323: Work item type "
              + name
              + " does not exist in project "
              + p.name()
              + " or you do not have permission to access it.");
    }
    return t;
  }

  private ObjectNode typeJson(String processId, WorkItemTypeDef t, Project p, String baseUrl) {
    ObjectNode n = Json.object();
    n.put("name", t.name());
    n.put("referenceName", t.referenceName());
    n.put("description", t.description());
    n.put("color", t.color());
    n.putObject("icon").put("id", t.icon()).put("url", iconUrl(baseUrl, t.icon(), t.color()));
    n.put("isDisabled", false);
    n.put("xmlForm", xmlForm(t));
    ArrayNode fields = n.putArray("fields");
    ArrayNode instances = n.putArray("fieldInstances");
    for (String ref : t.fields()) {
      FieldDef f = catalog.find(ref);
      if (f != null) {
        fields.add(typeFieldJson(processId, t, f, baseUrl, false, false, true));
        instances.add(typeFieldJson(processId, t, f, baseUrl, false, false, true));
      }
    }
    ObjectNode transitions = n.putObject("transitions");
    if (!t.states().isEmpty()) {
      // A new work item can only enter the initial state; later, any state may follow any other.
      transitions.putArray("").addObject().put("to", t.states().get(0).name()).putNull("actions");
      for (StateDef from : t.states()) {
        ArrayNode to = transitions.putArray(from.name());
        for (StateDef s : t.states()) {
          to.addObject().put("to", s.name()).putNull("actions");
        }
      }
    }
    ArrayNode states = n.putArray("states");
    for (StateDef s : t.states()) {
      states.add(stateJson(s));
    }
    String url = baseUrl + p.id() + "/_apis/wit/workItemTypes/" + segment(t.name());
    n.putObject("_links").putObject("self").put("href", url);
    n.put("url", url);
    return n;
  }

  // The legacy WIT form layout the service still returns: one control per editable field.
  private String xmlForm(WorkItemTypeDef t) {
    StringBuilder b =
        new StringBuilder(
            "<FORM><Layout HideReadOnlyEmptyFields=\"true\" HideControlBorders=\"true\">"
                + "<Group><Column PercentWidth=\"100\">");
    for (String ref : t.fields()) {
      FieldDef f = catalog.find(ref);
      if (f == null || f.readOnly()) {
        continue;
      }
      String control =
          "html".equals(f.type())
              ? "HtmlFieldControl"
              : "history".equals(f.type()) ? "WorkItemLogControl" : "FieldControl";
      b.append("<Control Label=\"")
          .append(xml(f.name()))
          .append("\" LabelPosition=\"Left\" FieldName=\"")
          .append(xml(f.referenceName()))
          .append("\" Type=\"")
          .append(control)
          .append("\" />");
    }
    return b.append("</Column></Group></Layout></FORM>").toString();
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private ObjectNode typeFieldJson(
      String processId,
      WorkItemTypeDef t,
      FieldDef f,
      String baseUrl,
      boolean allowed,
      boolean dependent,
      boolean withDefault) {
    ObjectNode n = Json.object();
    String help = catalog.helpText(processId, t.name(), f.referenceName());
    if (help != null) {
      n.put("helpText", help);
    }
    n.put("alwaysRequired", alwaysRequired(t, f.referenceName()));
    if (withDefault) {
      String d = t.defaults().get(f.referenceName());
      if (d == null) {
        n.putNull("defaultValue");
      } else {
        n.put("defaultValue", d);
      }
    }
    if (allowed) {
      ArrayNode values = n.putArray("allowedValues");
      for (String v : allowedValues(t, f)) {
        values.add(v);
      }
    }
    if (dependent) {
      ArrayNode deps = n.putArray("dependentFields");
      String other = dependentField(f.referenceName());
      FieldDef o = other == null ? null : catalog.find(other);
      if (o != null) {
        deps.addObject()
            .put("referenceName", o.referenceName())
            .put("name", o.name())
            .put("url", baseUrl + "_apis/wit/fields/" + o.referenceName());
      }
    }
    n.put("referenceName", f.referenceName());
    n.put("name", f.name());
    n.put("url", baseUrl + "_apis/wit/fields/" + f.referenceName());
    return n;
  }

  // The service reports System.AreaId and System.IterationId as always required: it fills them.
  private static boolean alwaysRequired(WorkItemTypeDef t, String ref) {
    return t.requiredFields().contains(ref)
        || "System.AreaId".equals(ref)
        || "System.IterationId".equals(ref);
  }

  private static List<String> allowedValues(WorkItemTypeDef t, FieldDef f) {
    if ("System.State".equals(f.referenceName())) {
      List<String> out = new ArrayList<>();
      for (StateDef s : t.states()) {
        out.add(s.name());
      }
      return out;
    }
    if ("System.Reason".equals(f.referenceName())) {
      Set<String> out = new LinkedHashSet<>();
      for (Map.Entry<String, String> e : t.defaultReasons().entrySet()) {
        out.add(e.getValue());
      }
      return new ArrayList<>(out);
    }
    if ("System.WorkItemType".equals(f.referenceName())) {
      return List.of(t.name());
    }
    return f.allowedValues() == null ? List.of() : f.allowedValues();
  }

  private static String dependentField(String ref) {
    return switch (ref) {
      case "System.AreaPath" -> "System.AreaId";
      case "System.AreaId" -> "System.AreaPath";
      case "System.IterationPath" -> "System.IterationId";
      case "System.IterationId" -> "System.IterationPath";
      default -> null;
    };
  }

  /** GET {project}/_apis/wit/workitemtypecategories[/{category}]. */
  Object categories(ApiRequest req) {
    Project p = project(req);
    String processId = processOf(p);
    String one = req.route("category");
    List<JsonNode> out = new ArrayList<>();
    for (ProcessTemplates.Category c : catalog.categories(processId)) {
      if (one == null) {
        out.add(categoryJson(c, p, req.baseUrl()));
      } else if (c.referenceName().equalsIgnoreCase(one) || c.name().equalsIgnoreCase(one)) {
        return categoryJson(c, p, req.baseUrl());
      }
    }
    if (one != null) {
      throw ApiException.notFound(
          "WorkItemTypeCategoryNotFoundException",
          "Work item type category " + one + " does not exist in project " + p.name() + ".");
    }
    return Json.list(out);
  }

  private static ObjectNode categoryJson(ProcessTemplates.Category c, Project p, String baseUrl) {
    ObjectNode n = Json.object();
    n.put("name", c.name());
    n.put("referenceName", c.referenceName());
    String typesUrl = baseUrl + p.id() + "/_apis/wit/workItemTypes/";
    if (!c.types().isEmpty()) {
      n.putObject("defaultWorkItemType")
          .put("name", c.types().get(0))
          .put("url", typesUrl + segment(c.types().get(0)));
    }
    ArrayNode types = n.putArray("workItemTypes");
    for (String t : c.types()) {
      types.addObject().put("name", t).put("url", typesUrl + segment(t));
    }
    String url = baseUrl + p.id() + "/_apis/wit/workItemTypeCategories/" + c.referenceName();
    n.putObject("_links").putObject("self").put("href", url);
    n.put("url", url);
    return n;
  }

  // ---- relation types and icons -------------------------------------------------------------

  /** GET _apis/wit/workitemrelationtypes[/{relation}]. */
  Object relationTypes(ApiRequest req) {
    String one = req.route("relation");
    if (one != null) {
      for (ProcessTemplates.RelationType r : catalog.relationTypes()) {
        if (r.referenceName().equalsIgnoreCase(one)) {
          return relationJson(r, req.baseUrl());
        }
      }
      throw ApiException.notFound(
          "WorkItemRelationTypeNotFoundException",
          "TF201036: The link type " + one + " does not exist.");
    }
    List<JsonNode> out = new ArrayList<>();
    for (ProcessTemplates.RelationType r : catalog.relationTypes()) {
      out.add(relationJson(r, req.baseUrl()));
    }
    return Json.list(out);
  }

  private static ObjectNode relationJson(ProcessTemplates.RelationType r, String baseUrl) {
    ObjectNode n = Json.object();
    n.set("attributes", r.attributes().deepCopy());
    n.put("referenceName", r.referenceName());
    n.put("name", r.name());
    n.put("url", baseUrl + "_apis/wit/workItemRelationTypes/" + r.referenceName());
    return n;
  }

  /** GET _apis/wit/workitemicons[/{icon}]: the icons the process types use. */
  Object icons(ApiRequest req) {
    Set<String> ids = new LinkedHashSet<>();
    for (SystemProcess process : SystemProcess.values()) {
      String pid = process.id();
      for (WorkItemTypeDef t : catalog.types(pid)) {
        ids.add(t.icon());
      }
    }
    String color = req.query("color");
    String one = req.route("icon");
    if (one != null) {
      for (String id : ids) {
        if (id.equalsIgnoreCase(one)) {
          return iconJson(req.baseUrl(), id, color);
        }
      }
      throw ApiException.notFound(
          "WorkItemTypeIconNotFoundException", "VS403344: Icon " + one + " is not a valid icon.");
    }
    List<JsonNode> out = new ArrayList<>();
    for (String id : ids) {
      out.add(iconJson(req.baseUrl(), id, null));
    }
    return Json.list(out);
  }

  private static ObjectNode iconJson(String baseUrl, String id, String color) {
    ObjectNode n = Json.object();
    n.put("id", id);
    n.put(
        "url",
        color == null
            ? baseUrl + "_apis/wit/workItemIcons/" + id + "?v=2"
            : iconUrl(baseUrl, id, color));
    return n;
  }

  private static String iconUrl(String baseUrl, String icon, String color) {
    return baseUrl + "_apis/wit/workItemIcons/" + icon + "?color=" + color + "&v=2";
  }

  // ---- helpers ------------------------------------------------------------------------------

  private Project project(ApiRequest req) {
    return ctx.require(ProjectDirectory.class).find(req.requireRoute("project"));
  }

  private void projectOrNull(ApiRequest req) {
    String p = req.route("project");
    if (p != null) {
      ctx.require(ProjectDirectory.class).find(p);
    }
  }

  // Projects on a process the catalog does not know (an inherited process created elsewhere)
  // get Agile's types, the service's default process.
  private String processOf(Project p) {
    return catalog.knowsProcess(p.processId()) ? p.processId() : TemplateCatalog.AGILE;
  }

  static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
