package dev.azdo.pipeline.writer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.client.AzdoClient;
import dev.azdo.client.AzdoException;
import dev.azdo.client.BatchRequest;
import dev.azdo.client.BatchResult;
import dev.azdo.client.WorkItem;
import dev.azdo.client.WriteOptions;
import dev.azdo.pipeline.mapping.KeyTag;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes to Azure DevOps through the client: creates and updates go in one {@code $batch} call,
 * deletes one by one; lookups by key run WIQL and read the key field (or tags) back. The client
 * handles authentication, retry and throttling. Thread-safe as the client is.
 */
public final class AzdoWorkItemSink implements WorkItemSink {
  // Keeps a WIQL statement well under the service's 32K query length limit.
  private static final int KEYS_PER_QUERY = 100;
  private static final int MAX_WIQL_CHARS = 30_000;

  private final AzdoClient client;
  private final String project;
  private final String orgUrl;
  private final boolean validateOnly;
  // A dry run writes each $batch body it would send here instead of sending it.
  private final java.io.OutputStream dryRunOut;
  private final AtomicInteger dryRunIds = new AtomicInteger();
  // Stand-in ids of items a validation "created", so children can name them as parents.
  private final AtomicInteger validatedIds = new AtomicInteger();

  /** Creates a sink for a project. */
  public AzdoWorkItemSink(AzdoClient client, String project) {
    this(client, project, false, null);
  }

  private AzdoWorkItemSink(
      AzdoClient client, String project, boolean validateOnly, java.io.OutputStream dryRunOut) {
    this.client = client;
    this.project = project;
    String url = client.settings().orgUrl().toString();
    this.orgUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.validateOnly = validateOnly;
    this.dryRunOut = dryRunOut;
  }

  /**
   * Returns a sink that sends nothing: it writes each {@code $batch} body it would send, exactly
   * the bytes a real run sends, as one line to {@code out} (may be null), and each delete as a line
   * naming its method and work item; creates get made-up ids.
   */
  public static AzdoWorkItemSink dryRun(
      AzdoClient client, String project, java.io.OutputStream out) {
    return new AzdoWorkItemSink(
        client, project, false, out == null ? java.io.OutputStream.nullOutputStream() : out);
  }

  /**
   * Returns a sink that has the service check every create and update (validateOnly) and saves
   * nothing: the service's rules (required fields, allowed values, identities, area and iteration
   * paths) judge each row, and deletes only check that the item exists.
   */
  public static AzdoWorkItemSink validating(AzdoClient client, String project) {
    return new AzdoWorkItemSink(client, project, true, null);
  }

  @Override
  public int writesPerCall(int max) {
    return dryRunOut != null ? max : client.pacer().operationsPerCall(max);
  }

  @Override
  public int callsAtOnce(int max) {
    return dryRunOut != null ? max : client.pacer().callsAtOnce(max);
  }

  @Override
  public boolean isDryRun() {
    return validateOnly || dryRunOut != null;
  }

  @Override
  public String target() {
    return dev.azdo.pipeline.report.JournalIdentity.targetOf(client.settings().orgUrl());
  }

  @Override
  public List<WriteOutcome> write(List<WorkItemWrite> writes, WriteFlags flags) {
    WriteOptions options =
        new WriteOptions(validateOnly, flags.bypassRules(), flags.suppressNotifications());
    List<WriteOutcome> outcomes = new ArrayList<>(writes.size());
    List<BatchRequest> requests = new ArrayList<>();
    List<Integer> slots = new ArrayList<>();
    List<dev.azdo.pipeline.mapping.WorkItemPatch> sent = new ArrayList<>();
    for (WorkItemWrite write : writes) {
      outcomes.add(null);
      if (write.kind() == WorkItemWrite.Kind.DELETE) {
        continue;
      }
      // The row's patch goes on the wire as it is (one form from mapping to the wire); a parent
      // that was only validated does not exist, so its stand-in link is left out.
      dev.azdo.pipeline.mapping.WorkItemPatch patch =
          validateOnly
              ? write.patch().withoutRelations(u -> STAND_IN.matcher(u).find())
              : write.patch();
      JsonNode body = new com.fasterxml.jackson.databind.node.POJONode(patch);
      requests.add(
          write.kind() == WorkItemWrite.Kind.CREATE
              ? client.createRequest(project, write.workItemType(), body, options)
              : client.updateRequest(write.id(), body, options));
      slots.add(outcomes.size() - 1);
      sent.add(patch);
    }
    if (dryRunOut != null) {
      return dryRun(writes, requests);
    }
    try {
      if (!requests.isEmpty()) {
        List<BatchResult> results = client.batch(requests);
        if (results.size() != requests.size()) {
          throw new SinkException(
              "$batch answered " + results.size() + " of " + requests.size() + " requests",
              false,
              null);
        }
        for (int i = 0; i < results.size(); i++) {
          BatchResult r = results.get(i);
          outcomes.set(
              slots.get(i),
              !r.isSuccess()
                  ? refused(r)
                  : WriteOutcome.ok(
                      validateOnly ? validatedId(r) : r.id(),
                      // What the service answered for each field sent: a dropped one is reported.
                      // Only those fields are read from the answer, not the whole work item.
                      KeptFields.compare(sent.get(i), r.fields(sent.get(i).fields().keySet()))));
        }
      }
      for (int i = 0; i < writes.size(); i++) {
        WorkItemWrite write = writes.get(i);
        if (write.kind() == WorkItemWrite.Kind.DELETE) {
          WriteOutcome wrongType = otherType(write);
          outcomes.set(
              i,
              wrongType != null
                  ? wrongType
                  : validateOnly ? exists(write.id()) : delete(write.id()));
        }
      }
      return outcomes;
    } catch (AzdoException e) {
      throw failure(e);
    }
  }

  // The service names the field in the text when not in customProperties: TF401347 "Invalid tree
  // name given for work item -1, field 'System.AreaPath'.", TF401320 "Rule Error for field Assigned
  // To. Error code: ...".
  private static final Pattern FIELD_IN_MESSAGE =
      Pattern.compile("field '([^']+)'|Rule Error for field ([^.]+)\\.");

  /** A refused batch item: the service's own message, and the field it blames if it names one. */
  private static WriteOutcome refused(BatchResult r) {
    JsonNode body = r.body();
    String message = body == null ? null : body.path("message").asText(null);
    if (message == null || message.isBlank()) {
      message = r.error().getMessage();
    }
    String field =
        body == null ? null : body.path("customProperties").path("FieldReferenceName").asText(null);
    if (field == null || field.isBlank()) {
      Matcher m = FIELD_IN_MESSAGE.matcher(message);
      field = m.find() ? (m.group(1) != null ? m.group(1) : m.group(2).strip()) : null;
    }
    return WriteOutcome.failed(r.code(), message, field);
  }

  // Stand-in ids are negative: a link to one points at an item a validation did not save.
  private static final Pattern STAND_IN = Pattern.compile("/workItems/-\\d+$");

  // A validated update keeps its real id; a validated create gets a negative stand-in.
  private int validatedId(BatchResult r) {
    int id = r.id();
    return id > 0 ? id : validatedIds.decrementAndGet();
  }

  private WriteOutcome exists(int id) {
    try {
      client.getWorkItem(id);
      return WriteOutcome.ok(id);
    } catch (AzdoException e) {
      if (e.kind() == AzdoException.Kind.NOT_FOUND) {
        return WriteOutcome.failed(e.status(), e.getMessage());
      }
      throw e;
    }
  }

  /** With --type, a delete refuses an item of another type (a key may name any item). */
  private WriteOutcome otherType(WorkItemWrite write) {
    if (write.workItemType() == null) {
      return null;
    }
    try {
      WorkItem item =
          client.getWorkItems(List.of(write.id()), List.of("System.WorkItemType")).get(0);
      String type = item.field("System.WorkItemType").asText();
      return type.equalsIgnoreCase(write.workItemType())
          ? null
          : WriteOutcome.failed(
              409,
              "work item #"
                  + write.id()
                  + " is a "
                  + type
                  + ", not a "
                  + write.workItemType()
                  + "; it was not deleted");
    } catch (AzdoException e) {
      if (e.kind() == AzdoException.Kind.NOT_FOUND) {
        return WriteOutcome.failed(e.status(), e.getMessage());
      }
      throw e;
    }
  }

  private WriteOutcome delete(int id) {
    try {
      client.deleteWorkItem(id, false);
      return WriteOutcome.ok(id);
    } catch (AzdoException e) {
      if (e.kind() == AzdoException.Kind.NOT_FOUND || e.kind() == AzdoException.Kind.INVALID) {
        return WriteOutcome.failed(e.status(), e.getMessage());
      }
      throw e;
    }
  }

  private static SinkException failure(AzdoException e) {
    boolean refused = e.status() == 400 || e.status() == 413;
    return new SinkException(e.getMessage(), SinkException.isFatal(e), refused, e);
  }

  /** Writes what a real run would send and makes up the answers. */
  private List<WriteOutcome> dryRun(List<WorkItemWrite> writes, List<BatchRequest> requests) {
    List<WriteOutcome> outcomes = new ArrayList<>(writes.size());
    synchronized (dryRunOut) {
      try {
        if (!requests.isEmpty()) {
          dryRunOut.write(client.batchBody(requests));
          dryRunOut.write('\n');
        }
        for (WorkItemWrite write : writes) {
          if (write.kind() == WorkItemWrite.Kind.DELETE) {
            dryRunOut.write(
                ("{\"method\":\"DELETE\",\"id\":" + write.id() + "}\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
          }
        }
        dryRunOut.flush();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    for (WorkItemWrite write : writes) {
      outcomes.add(
          WriteOutcome.ok(
              write.kind() == WorkItemWrite.Kind.CREATE
                  ? dryRunIds.incrementAndGet()
                  : write.id()));
    }
    return outcomes;
  }

  @Override
  public Map<String, Integer> findByKeys(String keyField, Collection<String> keys) {
    if (dryRunOut != null) {
      // A dry run sends nothing, lookups included.
      return Map.of();
    }
    Map<String, Integer> found = new HashMap<>();
    List<String> all = new ArrayList<>(keys);
    try {
      int from = 0;
      while (from < all.size()) {
        StringBuilder wiql =
            new StringBuilder(
                "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project AND (");
        int to = from;
        while (to < all.size() && to - from < KEYS_PER_QUERY && wiql.length() < MAX_WIQL_CHARS) {
          if (to > from) {
            wiql.append(" OR ");
          }
          String key = all.get(to++);
          if (keyField != null) {
            wiql.append('[').append(keyField).append("] = ").append(literal(key));
          } else {
            wiql.append("[System.Tags] CONTAINS ").append(literal(KeyTag.of(key)));
            String legacy = KeyTag.legacyOf(key);
            if (!legacy.equalsIgnoreCase(KeyTag.of(key))) {
              // Items an earlier version tagged with the key as it was.
              wiql.append(" OR [System.Tags] CONTAINS ").append(literal(legacy));
            }
          }
        }
        wiql.append(')');
        List<String> chunk = all.subList(from, to);
        from = to;
        List<Integer> ids = client.queryIds(project, wiql.toString()).ids();
        if (ids.isEmpty()) {
          continue;
        }
        String field = keyField != null ? keyField : "System.Tags";
        for (WorkItem item : client.getWorkItems(ids, List.of(field))) {
          JsonNode value = item.field(field);
          if (value.isMissingNode() || value.isNull()) {
            continue;
          }
          if (keyField != null) {
            if (chunk.contains(value.asText())) {
              found.putIfAbsent(value.asText(), item.id());
            }
          } else {
            for (String tag : value.asText().split(";")) {
              // Exactly the key asked for, whatever case the service hands the tag back in.
              String key = KeyTag.keyOf(tag.strip());
              if (key == null || !chunk.contains(key)) {
                key = KeyTag.legacyKeyOf(tag.strip());
              }
              if (key != null && chunk.contains(key)) {
                found.putIfAbsent(key, item.id());
              }
            }
          }
        }
      }
      return found;
    } catch (AzdoException e) {
      throw failure(e);
    }
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  @Override
  public String workItemUrl(int id) {
    return orgUrl + "/_apis/wit/workItems/" + id;
  }
}
