package dev.azdo.pipeline.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.client.AzdoClient;
import dev.azdo.client.ClassificationNode;
import dev.azdo.client.WorkItem;
import dev.azdo.client.WorkItemFetcher;
import dev.azdo.client.WorkItemQueries;
import dev.azdo.pipeline.mapping.EditDistance;
import dev.azdo.pipeline.mapping.FieldType;
import dev.azdo.pipeline.mapping.Lookup;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Resolves the values of {@code --lookup} columns against Azure DevOps in bulk: one WIQL query per
 * chunk of up to 200 distinct values, the found items read through {@code workitemsbatch}; areas
 * and iterations from one read of the project's tree. Every answer, found or not, is kept for the
 * run, so a value is asked for once. Used by one thread.
 */
public final class AzdoLookups {
  /** Distinct values matched by one WIQL query (its {@code IN} list). */
  static final int VALUES_PER_QUERY = 200;

  // The service refuses WIQL text over 32,768 characters (VS402330); values are cut well below.
  private static final int MAX_LITERALS_CHARS = 24_000;

  // Areas and iterations nest at most 14 levels deep.
  private static final int TREE_DEPTH = 14;

  /**
   * What a value resolved to.
   *
   * @param value the replacement, or null when there is none
   * @param problem why there is none (the row's rejection reason), or null
   */
  public record Answer(String value, String problem) {}

  private final AzdoClient client;
  private final String project;
  private final Map<Lookup, Map<String, Answer>> cache = new HashMap<>();
  private final Map<Lookup.Kind, Map<String, Set<String>>> trees = new EnumMap<>(Lookup.Kind.class);

  /** Creates the resolver for a project's work items, areas and iterations. */
  public AzdoLookups(AzdoClient client, String project) {
    this.client = client;
    this.project = project;
  }

  /** Resolves the values not asked for yet, in bulk. */
  public void resolve(Lookup lookup, Collection<String> values) {
    Map<String, Answer> answers = cache.computeIfAbsent(lookup, k -> new HashMap<>());
    Map<String, String> pending = new LinkedHashMap<>();
    for (String v : values) {
      String key = fold(v, lookup.byType());
      if (!answers.containsKey(key)) {
        pending.putIfAbsent(key, v.strip());
      }
    }
    if (pending.isEmpty()) {
      return;
    }
    if (lookup.kind() == Lookup.Kind.WORK_ITEM) {
      workItems(lookup, pending, answers);
    } else {
      for (Map.Entry<String, String> e : pending.entrySet()) {
        answers.put(e.getKey(), node(lookup.kind(), e.getValue()));
      }
    }
  }

  /** Returns the answer for a value {@link #resolve} has seen. */
  public Answer answer(Lookup lookup, String value) {
    Answer a = cache.getOrDefault(lookup, Map.of()).get(fold(value, lookup.byType()));
    if (a == null) {
      throw new IllegalStateException("not resolved: " + value);
    }
    return a;
  }

  private void workItems(Lookup lookup, Map<String, String> pending, Map<String, Answer> answers) {
    boolean number = isNumber(lookup.byType());
    List<Map.Entry<String, String>> chunk = new ArrayList<>();
    int chars = 0;
    for (Map.Entry<String, String> e : pending.entrySet()) {
      if (number && !e.getValue().matches("-?\\d{1,18}")) {
        answers.put(
            e.getKey(),
            new Answer(
                null, "\"" + e.getValue() + "\" is not a number, as " + lookup.byField() + " is"));
        continue;
      }
      chunk.add(e);
      chars += e.getValue().length() + 4;
      if (chunk.size() == VALUES_PER_QUERY || chars > MAX_LITERALS_CHARS) {
        query(lookup, chunk, answers);
        chunk = new ArrayList<>();
        chars = 0;
      }
    }
    if (!chunk.isEmpty()) {
      query(lookup, chunk, answers);
    }
  }

  // One WIQL query for a chunk of values, then a read of the items it found.
  private void query(
      Lookup lookup, List<Map.Entry<String, String>> chunk, Map<String, Answer> answers) {
    boolean number = isNumber(lookup.byType());
    List<String> literals = new ArrayList<>();
    for (Map.Entry<String, String> e : chunk) {
      literals.add(number ? Long.toString(Long.parseLong(e.getValue())) : quote(e.getValue()));
    }
    String wiql =
        "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project AND ["
            + lookup.byField()
            + "] IN ("
            + String.join(", ", literals)
            + ")";
    List<Integer> ids = new WorkItemQueries(client).idsInAnyOrder(project, wiql).ids();
    Map<String, List<WorkItem>> matches = new HashMap<>();
    if (!ids.isEmpty()) {
      List<String> fields =
          List.copyOf(
              new LinkedHashSet<>(List.of("System.Id", lookup.byField(), lookup.resultField())));
      List<WorkItem> items =
          WorkItemFetcher.builder(client).project(project).fields(fields).build().fetchAll(ids);
      for (WorkItem w : items) {
        for (String form : forms(w.field(lookup.byField()))) {
          List<WorkItem> list =
              matches.computeIfAbsent(fold(form, lookup.byType()), k -> new ArrayList<>());
          if (!list.contains(w)) {
            list.add(w);
          }
        }
      }
    }
    for (Map.Entry<String, String> e : chunk) {
      answers.put(e.getKey(), answer(lookup, e.getValue(), matches.get(e.getKey())));
    }
  }

  private Answer answer(Lookup lookup, String value, List<WorkItem> found) {
    String shown = lookup.byField() + " \"" + value + "\"";
    if (found == null || found.isEmpty()) {
      return new Answer(null, "no work item of project " + project + " has " + shown);
    }
    Map<String, List<Integer>> results = new LinkedHashMap<>();
    for (WorkItem w : found) {
      String r = text(w.field(lookup.resultField()));
      results.computeIfAbsent(r, k -> new ArrayList<>()).add(w.id());
    }
    if (results.size() > 1) {
      List<String> ids = found.stream().limit(5).map(w -> "#" + w.id()).toList();
      return new Answer(
          null,
          found.size()
              + " work items have "
              + shown
              + " ("
              + String.join(", ", ids)
              + (found.size() > 5 ? ", ..." : "")
              + "); the lookup needs one");
    }
    String result = results.keySet().iterator().next();
    if (result.isEmpty()) {
      return new Answer(
          null,
          "work item #" + found.get(0).id() + " with " + shown + " has no " + lookup.resultField());
    }
    return new Answer(result, null);
  }

  // An area or iteration by name (or path): its path, as System.AreaPath holds it.
  private Answer node(Lookup.Kind kind, String value) {
    Map<String, Set<String>> index = trees.computeIfAbsent(kind, this::readTree);
    String what = kind == Lookup.Kind.AREA ? "area" : "iteration";
    Set<String> paths = index.get(fold(value, null));
    if (paths == null) {
      Set<String> close = new TreeSet<>();
      String folded = fold(value, null);
      for (Map.Entry<String, Set<String>> e : index.entrySet()) {
        if (e.getKey().indexOf('\\') < 0 && EditDistance.between(folded, e.getKey()) <= 2) {
          close.addAll(e.getValue());
        }
      }
      return new Answer(
          null,
          "no "
              + what
              + " of project "
              + project
              + " is named \""
              + value
              + "\""
              + (close.isEmpty() ? "" : " (did you mean " + String.join(", ", close) + "?)"));
    }
    if (paths.size() > 1) {
      return new Answer(
          null,
          "\""
              + value
              + "\" names "
              + paths.size()
              + " "
              + what
              + "s ("
              + String.join(", ", paths)
              + "); give the path");
    }
    return new Answer(paths.iterator().next(), null);
  }

  // Every node of the tree by its folded name and path (with and without the project).
  private Map<String, Set<String>> readTree(Lookup.Kind kind) {
    ClassificationNode.Group group =
        kind == Lookup.Kind.AREA
            ? ClassificationNode.Group.AREAS
            : ClassificationNode.Group.ITERATIONS;
    Map<String, Set<String>> index = new HashMap<>();
    walk(client.getNode(project, group, null, TREE_DEPTH), index);
    return index;
  }

  private static void walk(ClassificationNode node, Map<String, Set<String>> index) {
    String path = itemPath(node.path());
    String name = fold(node.name(), null);
    index.computeIfAbsent(name, k -> new TreeSet<>()).add(path);
    index.computeIfAbsent(fold(path, null), k -> new TreeSet<>()).add(path);
    int slash = path.indexOf('\\');
    if (slash > 0) {
      index.computeIfAbsent(fold(path.substring(slash + 1), null), k -> new TreeSet<>()).add(path);
    }
    for (ClassificationNode child : node.children()) {
      walk(child, index);
    }
  }

  /** Turns a node's path (\Project\Area\A\B) into a work item's (Project\A\B). */
  static String itemPath(String nodePath) {
    List<String> parts = new ArrayList<>();
    for (String s : nodePath.split("\\\\")) {
      if (!s.isEmpty()) {
        parts.add(s);
      }
    }
    if (parts.size() > 1
        && (parts.get(1).equalsIgnoreCase("Area") || parts.get(1).equalsIgnoreCase("Iteration"))) {
      parts.remove(1);
    }
    return String.join("\\", parts);
  }

  // The texts a field value matches as: an identity by display name, unique name or both.
  private static List<String> forms(JsonNode v) {
    if (v.isObject()) {
      String display = v.path("displayName").asText("");
      String unique = v.path("uniqueName").asText("");
      return List.of(display, unique, display + " <" + unique + ">");
    }
    return List.of(text(v));
  }

  // A field value as an import column holds it: identities as "Name <e-mail>".
  private static String text(JsonNode v) {
    if (v == null || v.isMissingNode() || v.isNull()) {
      return "";
    }
    if (v.isObject()) {
      String display = v.path("displayName").asText("");
      String unique = v.path("uniqueName").asText("");
      return unique.isEmpty() || unique.equals(display) ? display : display + " <" + unique + ">";
    }
    return v.asText();
  }

  // The service compares text without regard to case; numbers by value.
  private static String fold(String v, FieldType type) {
    String s = v.strip();
    if (isNumber(type) && s.matches("-?\\d{1,18}")) {
      return Long.toString(Long.parseLong(s));
    }
    return s.toLowerCase(Locale.ROOT);
  }

  private static boolean isNumber(FieldType type) {
    return type == FieldType.INTEGER || type == FieldType.PICKLIST_INTEGER;
  }

  private static String quote(String v) {
    return "'" + v.replace("'", "''") + "'";
  }
}
