package dev.azdo.pipeline.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.client.AttachmentReference;
import dev.azdo.client.AzdoClient;
import dev.azdo.client.AzdoException;
import dev.azdo.client.BatchRequest;
import dev.azdo.client.BatchResult;
import dev.azdo.client.ClassificationNode;
import dev.azdo.client.Comment;
import dev.azdo.client.Page;
import dev.azdo.client.Process;
import dev.azdo.client.Project;
import dev.azdo.client.Team;
import dev.azdo.client.WorkItemPatch;
import dev.azdo.client.WriteOptions;
import dev.azdo.pipeline.mapping.DateParser;
import dev.azdo.pipeline.writer.AzdoWorkItemSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** The writers that carry out each non-work-item write endpoint through the client. */
final class AzdoWriters {
  private static final ObjectMapper JSON = new ObjectMapper();

  // Short names users give in the LinkType column, and the service's link type names.
  private static final Map<String, String> LINK_TYPES =
      Map.of(
          "parent", "System.LinkTypes.Hierarchy-Reverse",
          "child", "System.LinkTypes.Hierarchy-Forward",
          "related", "System.LinkTypes.Related",
          "predecessor", "System.LinkTypes.Dependency-Reverse",
          "successor", "System.LinkTypes.Dependency-Forward",
          "duplicate", "System.LinkTypes.Duplicate-Forward",
          "duplicate-of", "System.LinkTypes.Duplicate-Reverse",
          "hyperlink", "Hyperlink");

  private AzdoWriters() {}

  /** Settings every writer may need. */
  record Context(
      AzdoClient client,
      String project,
      WriteOptions options,
      WorkItemRefs refs,
      AttachmentFolder attachments,
      String defaultProcess,
      EndpointPlan plan) {}

  /** Returns the writer of an endpoint. */
  static EndpointWriter forEndpoint(String name, Context c) {
    return switch (name) {
      case "add-comment" -> new CommentWriter(c);
      case "add-link" -> new LinkWriter(c);
      case "add-attachment" -> new AttachmentWriter(c);
      case "create-project" -> new CreateProject(c);
      case "update-project" -> new UpdateProject(c);
      case "delete-project" -> new DeleteProject(c);
      case "create-team" -> new CreateTeam(c);
      case "update-team" -> new UpdateTeam(c);
      case "delete-team" -> new DeleteTeam(c);
      case "create-area" -> new CreateNode(c, ClassificationNode.Group.AREAS);
      case "create-iteration" -> new CreateNode(c, ClassificationNode.Group.ITERATIONS);
      case "delete-area" -> new DeleteNode(c, ClassificationNode.Group.AREAS);
      case "delete-iteration" -> new DeleteNode(c, ClassificationNode.Group.ITERATIONS);
      default -> throw new IllegalArgumentException("no writer for endpoint " + name);
    };
  }

  /** Returns the value of a call, or null when the service answers 404. */
  static <T> T orNull(Supplier<T> call) {
    try {
      return call.get();
    } catch (AzdoException e) {
      if (e.kind() == AzdoException.Kind.NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }

  // ------------------------------------------------------------------ work item children

  // Rows naming work items by key go in chunks whose keys are looked up in one WIQL query; the
  // chunks stay small so a short input still spreads over the workers.
  private static final int KEYED_CHUNK = 20;

  /** A writer of one request per row that looks up the keys of a chunk of rows at once. */
  private abstract static class KeyedWriter implements EndpointWriter {
    final Context c;

    KeyedWriter(Context c) {
      this.c = c;
    }

    @Override
    public int batchSize(int jobBatchSize) {
      return c.plan().gives("Key") ? Math.min(jobBatchSize, KEYED_CHUNK) : 1;
    }

    @Override
    public List<Object> writeAll(List<EndpointRow> rows) {
      if (rows.size() > 1) {
        c.refs().prefetch(rows, List.of("Key"));
      }
      return EndpointWriter.super.writeAll(rows);
    }
  }

  private static final class CommentWriter extends KeyedWriter {
    CommentWriter(Context c) {
      super(c);
    }

    @Override
    public String write(EndpointRow row) {
      int id = c.refs().resolve(row, "WorkItemId", "Key");
      Comment comment = c.client().addComment(c.project(), id, row.get("Text"));
      return Integer.toString(comment.id());
    }

    @Override
    public String findDone(EndpointRow row) {
      int id = c.refs().resolve(row, "WorkItemId", "Key");
      String token = null;
      do {
        Page<Comment> page = c.client().listComments(c.project(), id, token);
        for (Comment comment : page.items()) {
          if (row.get("Text").equals(comment.text())) {
            return Integer.toString(comment.id());
          }
        }
        token = page.continuationToken();
      } while (token != null && !token.isEmpty());
      return null;
    }
  }

  private static final class LinkWriter implements EndpointWriter {
    private final Context c;
    private final AzdoWorkItemSink urls;

    LinkWriter(Context c) {
      this.c = c;
      this.urls = new AzdoWorkItemSink(c.client(), c.project());
    }

    private record Link(int source, String rel, String url) {}

    private Link link(EndpointRow row) {
      String type = row.get("LinkType");
      String rel = LINK_TYPES.get(type.toLowerCase(Locale.ROOT));
      if (rel == null && type.contains(".")) {
        rel = type;
      }
      if (rel == null) {
        throw new RowRejected(
            "LinkType",
            "\""
                + type
                + "\" is not a link type (use parent, child, related, predecessor, successor,"
                + " duplicate, duplicate-of, hyperlink or a name such as System.LinkTypes.Related)");
      }
      int source = c.refs().resolve(row, "SourceId", "SourceKey");
      if (rel.equals("Hyperlink")) {
        if (row.get("Url") == null) {
          throw new RowRejected("Url", "Url is empty; a hyperlink needs the address it points to");
        }
        return new Link(source, rel, row.get("Url"));
      }
      if (row.get("TargetId") == null && row.get("TargetKey") == null) {
        throw new RowRejected(
            null, "TargetId or TargetKey is empty; a " + type + " link needs the other work item");
      }
      int target = c.refs().resolve(row, "TargetId", "TargetKey");
      return new Link(source, rel, urls.workItemUrl(target));
    }

    @Override
    public String write(EndpointRow row) {
      Link l = link(row);
      WorkItemPatch patch = new WorkItemPatch().addRelation(l.rel(), l.url(), row.get("Comment"));
      c.client().updateWorkItem(l.source(), patch, c.options());
      return Integer.toString(l.source());
    }

    @Override
    public int batchSize(int jobBatchSize) {
      return jobBatchSize;
    }

    /** Sends the rows' relations in one $batch call, each an update of its source work item. */
    @Override
    public List<Object> writeAll(List<EndpointRow> rows) {
      c.refs().prefetch(rows, List.of("SourceKey", "TargetKey"));
      List<Object> out = new ArrayList<>(rows.size());
      List<BatchRequest> requests = new ArrayList<>();
      List<Integer> slots = new ArrayList<>();
      List<Integer> sources = new ArrayList<>();
      for (EndpointRow row : rows) {
        try {
          Link l = link(row);
          WorkItemPatch patch =
              new WorkItemPatch().addRelation(l.rel(), l.url(), row.get("Comment"));
          requests.add(c.client().updateRequest(l.source(), patch, c.options()));
          slots.add(out.size());
          sources.add(l.source());
          out.add(null);
        } catch (RuntimeException e) {
          out.add(e);
        }
      }
      if (requests.isEmpty()) {
        return out;
      }
      List<BatchResult> results = c.client().batch(requests);
      for (int i = 0; i < requests.size(); i++) {
        BatchResult r = i < results.size() ? results.get(i) : null;
        Object outcome;
        if (r == null) {
          outcome =
              new AzdoException(
                  AzdoException.Kind.PROTOCOL, 200, null, null, "$batch left this link unanswered");
        } else if (r.isSuccess()) {
          outcome = Integer.toString(sources.get(i));
        } else if (r.code() == 429 || r.code() >= 500) {
          outcome = r.error();
        } else {
          // The item's error reads "batch item failed (HTTP n): message"; keep the service's words.
          String message = r.error().getMessage().replaceFirst("^batch item failed ", "");
          outcome = new RowRejected(null, "the service refused the link " + message);
        }
        out.set(slots.get(i), outcome);
      }
      return out;
    }

    @Override
    public String findDone(EndpointRow row) {
      Link l = link(row);
      for (JsonNode r : c.client().getWorkItem(l.source()).relations()) {
        if (r.path("rel").asText().equalsIgnoreCase(l.rel())
            && r.path("url").asText().equalsIgnoreCase(l.url())) {
          return Integer.toString(l.source());
        }
      }
      return null;
    }
  }

  private static final class AttachmentWriter extends KeyedWriter {
    AttachmentWriter(Context c) {
      super(c);
    }

    private Path file(EndpointRow row) {
      return c.attachments().resolve(row.get("File"));
    }

    @Override
    public String write(EndpointRow row) {
      Path file = file(row);
      int id = c.refs().resolve(row, "WorkItemId", "Key");
      byte[] content;
      try {
        content = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new RowRejected("File", "cannot read \"" + row.get("File") + "\": " + e.getMessage());
      }
      AttachmentReference ref =
          c.client().uploadAttachment(c.project(), file.getFileName().toString(), content);
      c.client()
          .updateWorkItem(
              id, new WorkItemPatch().addAttachment(ref.url(), row.get("Comment")), c.options());
      return ref.id();
    }

    @Override
    public String findDone(EndpointRow row) {
      String name = file(row).getFileName().toString();
      int id = c.refs().resolve(row, "WorkItemId", "Key");
      for (JsonNode r : c.client().getWorkItem(id).relations()) {
        if (r.path("rel").asText().equals("AttachedFile")
            && name.equals(r.path("attributes").path("name").asText())) {
          String url = r.path("url").asText();
          return url.substring(url.lastIndexOf('/') + 1);
        }
      }
      return null;
    }
  }

  // ------------------------------------------------------------------ projects

  private static final class CreateProject implements EndpointWriter {
    private final Context c;
    private volatile List<Process> processes;

    CreateProject(Context c) {
      this.c = c;
    }

    private Process process(EndpointRow row) {
      if (processes == null) {
        processes = c.client().listProcesses();
      }
      String wanted = row.get("Process") != null ? row.get("Process") : c.defaultProcess();
      for (Process p : processes) {
        if (wanted == null
            ? p.isDefault()
            : wanted.equalsIgnoreCase(p.name()) || wanted.equalsIgnoreCase(p.id())) {
          return p;
        }
      }
      throw new RowRejected(
          "Process",
          (wanted == null
                  ? "the organization has no default process"
                  : "process \"" + wanted + "\" does not exist")
              + " (processes: "
              + String.join(", ", processes.stream().map(Process::name).toList())
              + ")");
    }

    @Override
    public String write(EndpointRow row) {
      String visibility = row.get("Visibility");
      if (visibility != null
          && !visibility.equalsIgnoreCase("private")
          && !visibility.equalsIgnoreCase("public")) {
        throw new RowRejected(
            "Visibility", "\"" + visibility + "\" is not a visibility (use private or public)");
      }
      Process process = process(row);
      Project p =
          c.client()
              .createProject(
                  row.get("Name"),
                  row.get("Description"),
                  process.id(),
                  visibility == null ? null : visibility.toLowerCase(Locale.ROOT));
      return p.id();
    }

    @Override
    public String findDone(EndpointRow row) {
      Project p = orNull(() -> c.client().getProject(row.get("Name")));
      return p == null ? null : p.id();
    }
  }

  private static Project project(Context c, EndpointRow row) {
    Project p = orNull(() -> c.client().getProject(row.get("Name")));
    if (p == null) {
      throw new RowRejected("Name", "project \"" + row.get("Name") + "\" does not exist");
    }
    return p;
  }

  private static final class UpdateProject implements EndpointWriter {
    private final Context c;

    UpdateProject(Context c) {
      this.c = c;
    }

    @Override
    public String write(EndpointRow row) {
      if (row.get("NewName") == null && row.get("Description") == null) {
        throw new RowRejected(null, "nothing to change: NewName and Description are empty");
      }
      Project p = project(c, row);
      c.client().updateProject(p.id(), row.get("NewName"), row.get("Description"));
      return p.id();
    }

    @Override
    public String findDone(EndpointRow row) {
      if (row.get("NewName") == null) {
        return null;
      }
      // A rename whose answer was lost is done when the new name exists and the old one not.
      Project renamed = orNull(() -> c.client().getProject(row.get("NewName")));
      Project old = orNull(() -> c.client().getProject(row.get("Name")));
      return renamed != null && old == null ? renamed.id() : null;
    }
  }

  private static final class DeleteProject implements EndpointWriter {
    private final Context c;

    DeleteProject(Context c) {
      this.c = c;
    }

    @Override
    public String write(EndpointRow row) {
      Project p = project(c, row);
      c.client().deleteProject(p.id());
      return p.id();
    }

    @Override
    public String findDone(EndpointRow row) {
      return orNull(() -> c.client().getProject(row.get("Name"))) == null ? row.get("Name") : null;
    }
  }

  // ------------------------------------------------------------------ teams

  private static Team team(Context c, String name) {
    for (Team t : c.client().listTeams(c.project())) {
      if (name.equalsIgnoreCase(t.name()) || name.equalsIgnoreCase(t.id())) {
        return t;
      }
    }
    return null;
  }

  private static final class CreateTeam implements EndpointWriter {
    private final Context c;

    CreateTeam(Context c) {
      this.c = c;
    }

    @Override
    public String write(EndpointRow row) {
      return c.client().createTeam(c.project(), row.get("Name"), row.get("Description")).id();
    }

    @Override
    public String findDone(EndpointRow row) {
      Team t = team(c, row.get("Name"));
      return t == null ? null : t.id();
    }
  }

  private static final class UpdateTeam implements EndpointWriter {
    private final Context c;

    UpdateTeam(Context c) {
      this.c = c;
    }

    @Override
    public String write(EndpointRow row) {
      if (row.get("NewName") == null && row.get("Description") == null) {
        throw new RowRejected(null, "nothing to change: NewName and Description are empty");
      }
      Team t = team(c, row.get("Name"));
      if (t == null) {
        throw new RowRejected(
            "Name", "team \"" + row.get("Name") + "\" does not exist in project " + c.project());
      }
      return c.client()
          .updateTeam(c.project(), t.id(), row.get("NewName"), row.get("Description"))
          .id();
    }

    @Override
    public String findDone(EndpointRow row) {
      if (row.get("NewName") == null) {
        return null;
      }
      Team renamed = team(c, row.get("NewName"));
      return renamed != null && team(c, row.get("Name")) == null ? renamed.id() : null;
    }
  }

  private static final class DeleteTeam implements EndpointWriter {
    private final Context c;

    DeleteTeam(Context c) {
      this.c = c;
    }

    @Override
    public String write(EndpointRow row) {
      Team t = team(c, row.get("Name"));
      if (t == null) {
        throw new RowRejected(
            "Name", "team \"" + row.get("Name") + "\" does not exist in project " + c.project());
      }
      c.client().deleteTeam(c.project(), t.id());
      return t.id();
    }

    @Override
    public String findDone(EndpointRow row) {
      return team(c, row.get("Name")) == null ? row.get("Name") : null;
    }
  }

  // ------------------------------------------------------------------ areas and iterations

  private static String what(ClassificationNode.Group group) {
    return group == ClassificationNode.Group.AREAS ? "area" : "iteration";
  }

  /** Returns the path below the root: accepts \Project\Area\A\B, Project\A\B and A/B. */
  static List<String> segments(String path, String project, ClassificationNode.Group group) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("[/\\\\]")) {
      if (!s.isBlank()) {
        out.add(s.strip());
      }
    }
    if (out.size() > 1 && out.get(0).equalsIgnoreCase(project)) {
      out.remove(0);
      String structure = group == ClassificationNode.Group.AREAS ? "Area" : "Iteration";
      if (out.size() > 1 && out.get(0).equalsIgnoreCase(structure)) {
        out.remove(0);
      }
    }
    return out;
  }

  private static String join(List<String> segments) {
    return String.join("/", segments);
  }

  private static ClassificationNode node(
      Context c, ClassificationNode.Group group, List<String> segments) {
    return orNull(
        () ->
            c.client().getNode(c.project(), group, segments.isEmpty() ? null : join(segments), 0));
  }

  private static final class CreateNode implements EndpointWriter {
    private final Context c;
    private final ClassificationNode.Group group;

    CreateNode(Context c, ClassificationNode.Group group) {
      this.c = c;
      this.group = group;
    }

    @Override
    public String write(EndpointRow row) {
      List<String> path = segments(row.get("Path"), c.project(), group);
      if (path.isEmpty()) {
        throw new RowRejected("Path", "the path names no " + what(group) + " below the root");
      }
      ObjectNode attributes = null;
      if (group == ClassificationNode.Group.ITERATIONS) {
        Instant start = date(row, "StartDate");
        Instant finish = date(row, "FinishDate");
        if (start != null && finish != null && finish.isBefore(start)) {
          throw new RowRejected(
              "FinishDate",
              "the finish date "
                  + LocalDate.ofInstant(finish, ZoneOffset.UTC)
                  + " is before the start date "
                  + LocalDate.ofInstant(start, ZoneOffset.UTC));
        }
        if (start != null || finish != null) {
          attributes = JSON.createObjectNode();
          if (start != null) {
            attributes.put("startDate", start.toString());
          }
          if (finish != null) {
            attributes.put("finishDate", finish.toString());
          }
        }
      }
      List<String> parent = path.subList(0, path.size() - 1);
      String name = path.get(path.size() - 1);
      try {
        return Integer.toString(
            c.client()
                .createNode(
                    c.project(), group, parent.isEmpty() ? null : join(parent), name, attributes)
                .id());
      } catch (AzdoException e) {
        if (e.kind() == AzdoException.Kind.NOT_FOUND) {
          throw new RowRejected(
              "Path",
              "the parent "
                  + what(group)
                  + " path \""
                  + join(parent)
                  + "\" does not exist, so \""
                  + join(path)
                  + "\" cannot be created under it; add a row for the parent first"
                  + code(e));
        }
        if ("VS402371".equals(e.serviceCode())) {
          throw new RowRejected(
              "Path", "the " + what(group) + " \"" + join(path) + "\" already exists" + code(e));
        }
        throw e;
      }
    }

    private Instant date(EndpointRow row, String input) {
      String v = row.get(input);
      if (v == null) {
        return null;
      }
      List<String> patterns = new ArrayList<>();
      if (c.plan().option(input) != null) {
        patterns.add(c.plan().option(input));
      }
      patterns.addAll(c.plan().dateFormats());
      try {
        // Iteration dates are calendar days, kept at midnight UTC as the service shows them.
        return Instant.parse(DateParser.of(patterns, ZoneOffset.UTC).toUtc(v));
      } catch (IllegalArgumentException e) {
        throw new RowRejected(input, e.getMessage());
      }
    }

    @Override
    public String findDone(EndpointRow row) {
      List<String> path = segments(row.get("Path"), c.project(), group);
      ClassificationNode n = path.isEmpty() ? null : node(c, group, path);
      return n == null ? null : Integer.toString(n.id());
    }
  }

  private static String code(AzdoException e) {
    return e.serviceCode() == null ? "" : " (" + e.serviceCode() + ")";
  }

  private static final class DeleteNode implements EndpointWriter {
    private final Context c;
    private final ClassificationNode.Group group;

    DeleteNode(Context c, ClassificationNode.Group group) {
      this.c = c;
      this.group = group;
    }

    @Override
    public String write(EndpointRow row) {
      List<String> path = segments(row.get("Path"), c.project(), group);
      if (path.isEmpty()) {
        throw new RowRejected("Path", "the root " + what(group) + " cannot be deleted");
      }
      ClassificationNode n = node(c, group, path);
      if (n == null) {
        throw new RowRejected(
            "Path", "the " + what(group) + " path \"" + join(path) + "\" does not exist");
      }
      List<String> to =
          row.get("ReclassifyTo") == null
              ? List.of()
              : segments(row.get("ReclassifyTo"), c.project(), group);
      ClassificationNode target = node(c, group, to);
      if (target == null) {
        throw new RowRejected(
            "ReclassifyTo",
            "the "
                + what(group)
                + " path \""
                + join(to)
                + "\" to move work items to does not exist");
      }
      c.client().deleteNode(c.project(), group, join(path), target.id());
      return Integer.toString(n.id());
    }

    @Override
    public String findDone(EndpointRow row) {
      List<String> path = segments(row.get("Path"), c.project(), group);
      return !path.isEmpty() && node(c, group, path) == null ? join(path) : null;
    }
  }
}
