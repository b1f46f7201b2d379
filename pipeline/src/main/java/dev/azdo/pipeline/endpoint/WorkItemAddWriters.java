package dev.azdo.pipeline.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.client.AttachmentReference;
import dev.azdo.client.AzdoException;
import dev.azdo.client.BatchRequest;
import dev.azdo.client.BatchResult;
import dev.azdo.client.Comment;
import dev.azdo.client.Page;
import dev.azdo.client.WorkItemPatch;
import dev.azdo.pipeline.endpoint.AzdoWriters.Context;
import dev.azdo.pipeline.writer.AzdoWorkItemSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The writers of the add-comment, add-link and add-attachment endpoints: each adds to a work item
 * named by id or by key.
 */
final class WorkItemAddWriters {
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

  private WorkItemAddWriters() {}

  // Rows naming work items by key go in chunks whose keys are looked up in one WIQL query; the
  // chunks stay small so a short input still spreads over the workers.
  private static final int KEYED_CHUNK = 20;

  /** A writer of one request per row that looks up the keys of a chunk of rows at once. */
  abstract static class KeyedWriter implements EndpointWriter {
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

  /** add-comment: a comment with the row's Text. */
  static final class CommentWriter extends KeyedWriter {
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

  /** add-link: a link or hyperlink from the source work item, in $batch calls. */
  static final class LinkWriter implements EndpointWriter {
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

  /** add-attachment: uploads the row's File and attaches it. */
  static final class AttachmentWriter extends KeyedWriter {
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
}
