package dev.azdo.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.client.internal.Urls;
import java.util.ArrayList;
import java.util.List;

/**
 * The reporting work item revisions API ({@code _apis/wit/reporting/workitemrevisions}): every
 * revision of a project's work items in change order, a page at a time, with a continuation token
 * that also serves as a watermark for reading only later changes in a later run. Thread-safe.
 */
public final class ReportingRevisions {
  /** Most revisions the service returns in one batch. */
  public static final int MAX_PAGE_SIZE = 1000;

  private final AzdoClient client;

  /** Creates the reader over a client. */
  public ReportingRevisions(AzdoClient client) {
    this.client = client;
  }

  /**
   * What to read.
   *
   * @param fields the fields to return (empty: every reportable field)
   * @param types work item types to keep (empty: all)
   * @param includeLatestOnly only each item's latest revision
   * @param includeDeleted also items in the recycle bin
   * @param maxPageSize revisions per batch (0: the service's default)
   * @param startDateTime only revisions after this ISO 8601 moment (null: from the start); not with
   *     a continuation token
   */
  public record Filter(
      List<String> fields,
      List<String> types,
      boolean includeLatestOnly,
      boolean includeDeleted,
      int maxPageSize,
      String startDateTime) {

    /** Copies the lists. */
    public Filter {
      fields = fields == null ? List.of() : List.copyOf(fields);
      types = types == null ? List.of() : List.copyOf(types);
    }

    /** Every revision of every field, default page size. */
    public static Filter all() {
      return new Filter(List.of(), List.of(), false, false, 0, null);
    }
  }

  /**
   * One batch of revisions.
   *
   * @param values the revisions (each a work item at one revision)
   * @param continuationToken where the next batch starts; after the last batch, the watermark to
   *     keep for reading later changes
   * @param isLastBatch true when nothing more is there now
   */
  public record Batch(List<WorkItem> values, String continuationToken, boolean isLastBatch) {}

  /** Reads one batch, from the start (token null) or from a previous batch's token. */
  public Batch read(String project, Filter filter, String continuationToken) {
    StringBuilder url =
        new StringBuilder(
            client.api("/" + Urls.segment(project) + "/_apis/wit/reporting/workitemrevisions"));
    if (!filter.fields().isEmpty()) {
      url.append("&fields=").append(Urls.query(String.join(",", filter.fields())));
    }
    if (!filter.types().isEmpty()) {
      url.append("&types=").append(Urls.query(String.join(",", filter.types())));
    }
    if (filter.includeLatestOnly()) {
      url.append("&includeLatestOnly=true");
    }
    if (filter.includeDeleted()) {
      url.append("&includeDeleted=true");
    }
    if (filter.maxPageSize() > 0) {
      url.append("&$maxPageSize=").append(filter.maxPageSize());
    }
    if (continuationToken != null) {
      url.append("&continuationToken=").append(Urls.query(continuationToken));
    } else if (filter.startDateTime() != null) {
      url.append("&startDateTime=").append(Urls.query(filter.startDateTime()));
    }
    JsonNode n =
        client.json(
            client.send("GET", url.toString(), null, null, false, "read reporting revisions"));
    List<WorkItem> values = new ArrayList<>();
    for (JsonNode w : Json.list(n.get("values"))) {
      values.add(WorkItem.from(w));
    }
    return new Batch(
        values, Json.text(n, "continuationToken"), n.path("isLastBatch").asBoolean(false));
  }
}
