package dev.azdo.pipeline.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.client.AzdoClient;
import dev.azdo.client.Comment;
import dev.azdo.client.FieldInfo;
import dev.azdo.client.Page;
import dev.azdo.client.ProjectFields;
import dev.azdo.client.QueryResult;
import dev.azdo.client.ReportingRevisions;
import dev.azdo.client.WorkItem;
import dev.azdo.client.WorkItemFetcher;
import dev.azdo.client.WorkItemQueries;
import dev.azdo.client.WorkItemType;
import dev.azdo.client.internal.Background;
import dev.azdo.client.internal.WiqlSplitter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Exports a project's work items to a file: one WIQL query (paged past the 20,000 cap, every page
 * at one moment), then parallel reads of 200 items a call written in the query's order as they
 * arrive, so memory stays flat. Output goes to part files moved into place at the end; a checkpoint
 * every quarter second lets a killed run resume where it stopped, and a state file makes later runs
 * incremental (items changed after the last successful run's moment).
 */
public final class ExportJob {
  /** The fields written when none are named: ten that describe an item. */
  public static final List<String> DEFAULT_FIELDS =
      List.of(
          "System.Id",
          "System.WorkItemType",
          "System.Title",
          "System.State",
          "System.AssignedTo",
          "System.AreaPath",
          "System.IterationPath",
          "System.Tags",
          "System.CreatedDate",
          "System.ChangedDate");

  private static final String PARENT = "System.LinkTypes.Hierarchy-Reverse";

  /** The longest time between two checkpoints of the items written. */
  private static final long CHECKPOINT_NANOS = 250_000_000L;

  private final AzdoClient client;
  private final ExportOptions o;
  private final ExportListener listener;

  /** Prepares an export; nothing is read until {@link #run}. */
  public ExportJob(AzdoClient client, ExportOptions options, ExportListener listener) {
    this.client = Objects.requireNonNull(client, "client");
    this.o = Objects.requireNonNull(options, "options");
    this.listener = listener == null ? ExportListener.NONE : listener;
  }

  /**
   * Runs the export (or resumes the one a checkpoint describes).
   *
   * @throws IllegalArgumentException for bad options, before anything is written
   * @throws dev.azdo.client.AzdoException when the service fails (the part files stay to resume)
   */
  public ExportSummary run() throws IOException {
    checkTypes();
    ExportState state = ExportState.read(o.stateFile());
    String since =
        o.since() != null ? instant(o.since()) : state == null ? null : state.watermark();
    String query = query(since);

    Path checkpointFile = ExportCheckpoint.fileOf(o.out());
    ExportCheckpoint cp = ExportCheckpoint.read(checkpointFile);
    boolean resume =
        cp != null
            && cp.query().equals(query)
            && cp.format().equals(o.format().label())
            && cp.asOf() != null;
    String wiql = resume ? WiqlSplitter.withAsOf(query, cp.asOf()) : query;
    // The query does not depend on the fields, so it runs while the field catalogue is read: a
    // round trip less before the first read (the two took ~0.2 s in turn at 20 ms latency).
    CompletableFuture<QueryResult> queried =
        CompletableFuture.supplyAsync(
            () -> new WorkItemQueries(client).run(o.project(), wiql, since != null),
            Background.thread("azdo-export-query"));
    List<FieldInfo> known = new ProjectFields(client).list(o.project());
    List<FieldInfo> fields =
        o.allFields()
            ? allFields(known)
            : WorkItemColumns.resolve(
                "--fields", o.fields().isEmpty() ? DEFAULT_FIELDS : withId(o.fields()), known);
    WorkItemColumns columns = new WorkItemColumns(fields);
    QueryResult result = Background.join(queried);
    String asOf = resume ? cp.asOf() : result.asOf();
    if (!resume) {
      cp = new ExportCheckpoint(query, o.format().label(), asOf, 0, 0, Map.of(), null, false, 0);
    }
    List<Integer> ids = result.ids();
    List<Integer> depths = null;
    if (o.format() == RowFormat.BOARDS_CSV) {
      BoardsTree tree = BoardsTree.read(client, o.project(), ids, asOf, o.concurrency());
      ids = tree.order();
      depths = tree.depths();
    }
    listener.planned(ids.size(), cp.items());

    Path links = sibling(o.out(), ".links.csv");
    Path commentsFile = sibling(o.out(), ".comments.csv");
    Path historyFile = sibling(o.out(), ".history.ndjson");
    Map<String, PartFile> parts = new LinkedHashMap<>();
    // A workbook is written whole at the end (POI cannot append to one), so an xlsx export stages
    // its rows as CSV in NAME.rows.part, checkpointed and resumed like any CSV, and turns them
    // into the workbook once every row is in.
    Path staged = o.format() == RowFormat.XLSX ? sibling(o.out(), ".xlsx.rows") : null;
    parts.put("main", open(staged != null ? staged : o.out(), cp, "main", resume));
    if (o.relations()) {
      parts.put("links", open(links, cp, "links", resume));
    }
    if (o.comments()) {
      parts.put("comments", open(commentsFile, cp, "comments", resume));
    }
    if (o.history()) {
      parts.put("history", open(historyFile, cp, "history", resume));
    }
    boolean ok = false;
    try {
      Writers w = new Writers(parts, resume, columns, depths);
      cp = writeItems(ids, depths, columns, w, cp, checkpointFile);
      if (o.history()) {
        cp = writeHistory(fields, state, since, w, cp, checkpointFile);
      }
      w.finish();
      for (Map.Entry<String, PartFile> e : parts.entrySet()) {
        if (staged != null && e.getKey().equals("main")) {
          e.getValue().close();
          workbookOf(PartFile.partOf(staged), o.out());
          e.getValue().discard();
        } else {
          e.getValue().commit();
        }
      }
      ok = true;
    } finally {
      if (!ok) {
        for (PartFile p : parts.values()) {
          p.close();
        }
      }
    }
    if (o.stateFile() != null) {
      new ExportState(
              client.settings().orgUrl().toString(),
              o.project(),
              asOf,
              o.history() ? cp.historyToken() : state == null ? null : state.historyToken())
          .write(o.stateFile());
    }
    Files.deleteIfExists(checkpointFile);
    List<Path> files = new ArrayList<>();
    files.add(o.out());
    if (o.relations()) {
      files.add(links);
    }
    if (o.comments()) {
      files.add(commentsFile);
    }
    if (o.history()) {
      files.add(historyFile);
    }
    return new ExportSummary(
        cp.items(), resume ? resumedItems : 0, files, asOf, result.split(), cp.revisions());
  }

  private long resumedItems;

  private ExportCheckpoint writeItems(
      List<Integer> ids,
      List<Integer> depths,
      WorkItemColumns columns,
      Writers w,
      ExportCheckpoint cp,
      Path checkpointFile)
      throws IOException {
    resumedItems = cp.items();
    List<String> wanted = new ArrayList<>(columns.referenceNames());
    if (o.comments() && !wanted.contains("System.CommentCount")) {
      wanted.add("System.CommentCount");
    }
    WorkItemFetcher.Builder fb =
        WorkItemFetcher.builder(client)
            .project(o.project())
            .concurrency(o.concurrency())
            // Rows of names need an identity's names only; json and ndjson keep what the service
            // sent.
            .slimIdentities(!o.format().raw());
    if (o.relations()) {
      fb.expand(WorkItemFetcher.Expand.RELATIONS); // the service then returns every field
    } else {
      fb.fields(wanted);
    }
    WorkItemFetcher fetcher = fb.build();
    long items = cp.items();
    int chunks = cp.chunks();
    Iterator<WorkItemFetcher.Chunk> it = fetcher.chunks(ids, chunks);
    long lastCheckpoint = System.nanoTime();
    while (it.hasNext()) {
      WorkItemFetcher.Chunk c = it.next();
      int offset = c.index() * AzdoClient.MAX_IDS_PER_CALL;
      Map<Integer, Integer> depthOf = new LinkedHashMap<>();
      if (depths != null) {
        for (int i = 0; i < c.ids().size(); i++) {
          depthOf.put(c.ids().get(i), depths.get(offset + i));
        }
      }
      for (WorkItem item : c.items()) {
        w.item(item, depthOf.getOrDefault(item.id(), 0));
        if (o.comments() && item.field("System.CommentCount").asInt(1) > 0) {
          w.comments(item.id(), comments(item.id()));
        }
        items++;
      }
      chunks = c.index() + 1;
      // A checkpoint flushes the files and replaces the checkpoint file: after every chunk that
      // was a tenth of an export's time at 200 items a chunk; a killed run re-reads at most the
      // last quarter second's chunks instead.
      boolean last = !it.hasNext();
      if (last || System.nanoTime() - lastCheckpoint >= CHECKPOINT_NANOS) {
        cp = checkpoint(cp, chunks, items, w, checkpointFile);
        lastCheckpoint = System.nanoTime();
      }
      listener.written(items);
    }
    return cp; // the last chunk always checkpoints, so cp holds every chunk written
  }

  private static ExportCheckpoint checkpoint(
      ExportCheckpoint cp, int chunks, long items, Writers w, Path checkpointFile)
      throws IOException {
    ExportCheckpoint next =
        new ExportCheckpoint(
            cp.query(),
            cp.format(),
            cp.asOf(),
            chunks,
            items,
            w.positions(),
            cp.historyToken(),
            cp.historyDone(),
            cp.revisions());
    next.write(checkpointFile);
    return next;
  }

  private ExportCheckpoint writeHistory(
      List<FieldInfo> fields,
      ExportState state,
      String since,
      Writers w,
      ExportCheckpoint cp,
      Path checkpointFile)
      throws IOException {
    if (cp.historyDone()) {
      return cp;
    }
    ReportingRevisions reporting = new ReportingRevisions(client);
    String token =
        cp.historyToken() != null
            ? cp.historyToken()
            : state != null && o.since() == null ? state.historyToken() : null;
    ReportingRevisions.Filter filter =
        new ReportingRevisions.Filter(
            fields.stream().map(FieldInfo::referenceName).toList(),
            o.types(),
            false,
            false,
            ReportingRevisions.MAX_PAGE_SIZE,
            token == null ? since : null);
    long revisions = cp.revisions();
    ReportingRevisions.Batch b;
    do {
      b = reporting.read(o.project(), filter, token);
      for (WorkItem r : b.values()) {
        w.revision(r);
        revisions++;
      }
      token = b.continuationToken();
      cp =
          new ExportCheckpoint(
              cp.query(),
              cp.format(),
              cp.asOf(),
              cp.chunks(),
              cp.items(),
              w.positions(),
              token,
              b.isLastBatch(),
              revisions);
      cp.write(checkpointFile);
    } while (!b.isLastBatch() && !b.values().isEmpty());
    return cp;
  }

  private List<Comment> comments(int id) {
    List<Comment> all = new ArrayList<>();
    String token = null;
    do {
      Page<Comment> page = client.listComments(o.project(), id, token);
      all.addAll(page.items());
      token = page.continuationToken();
    } while (token != null && !token.isEmpty());
    return all;
  }

  // A type the project does not have would match nothing, and the export would end with no items
  // and no reason; one call says so before any file is opened.
  private void checkTypes() {
    if (o.types().isEmpty()) {
      return;
    }
    List<String> names =
        client.listWorkItemTypes(o.project()).stream().map(WorkItemType::name).toList();
    for (String t : o.types()) {
      if (names.stream().noneMatch(n -> n.equalsIgnoreCase(t.strip()))) {
        throw new IllegalArgumentException(
            "--type: '"
                + t
                + "' is not a work item type of project "
                + o.project()
                + " (its types: "
                + String.join(", ", names)
                + ")");
      }
    }
  }

  private String query(String since) {
    String base =
        o.wiql() != null
            ? o.wiql()
            : "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project"
                + " ORDER BY [System.Id]";
    if (!o.types().isEmpty()) {
      base =
          WiqlSplitter.withCondition(
              base,
              "[System.WorkItemType] IN ("
                  + String.join(", ", o.types().stream().map(WiqlSplitter::literal).toList())
                  + ")",
              null);
    }
    if (since != null) {
      base =
          WiqlSplitter.withCondition(
              base, "[System.ChangedDate] > " + WiqlSplitter.literal(since), null);
    }
    return base;
  }

  private static List<FieldInfo> allFields(List<FieldInfo> known) {
    List<FieldInfo> out = new ArrayList<>();
    for (FieldInfo f : known) {
      if (f.referenceName().equals("System.Id")) {
        out.add(0, f);
      } else {
        out.add(f);
      }
    }
    return out;
  }

  private static List<String> withId(List<String> fields) {
    List<String> out = new ArrayList<>();
    out.add("System.Id");
    for (String f : fields) {
      if (!f.strip().equalsIgnoreCase("System.Id") && !f.strip().equalsIgnoreCase("ID")) {
        out.add(f);
      }
    }
    return out;
  }

  /** An ISO date (midnight UTC) or date-time. */
  static String instant(String text) {
    String t = text.strip();
    try {
      return java.time.Instant.parse(t).toString();
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
      } catch (DateTimeParseException e2) {
        throw new IllegalArgumentException(
            "--since: '" + text + "' is not a date (2024-05-31) or time (2024-05-31T12:00:00Z)");
      }
    }
  }

  private static Path sibling(Path out, String suffix) {
    String name = out.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return out.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + suffix);
  }

  // Writes the staged CSV rows into the workbook, itself through a part file moved into place.
  private static void workbookOf(Path rows, Path out) throws IOException {
    try (PartFile book = PartFile.create(out);
        java.io.Reader in = Files.newBufferedReader(rows, java.nio.charset.StandardCharsets.UTF_8);
        org.apache.commons.csv.CSVParser parser =
            org.apache.commons.csv.CSVFormat.RFC4180.parse(in)) {
      RowWriter xlsx = RowWriter.open(RowFormat.XLSX, book.stream(), false, 0);
      boolean header = true;
      for (org.apache.commons.csv.CSVRecord r : parser) {
        if (header) {
          xlsx.header(r.toList());
          header = false;
        } else {
          xlsx.row(r.toList(), null);
        }
      }
      xlsx.finish();
      book.commit();
    }
  }

  private static PartFile open(Path file, ExportCheckpoint cp, String key, boolean resume)
      throws IOException {
    Long at = cp.bytes().get(key);
    return resume && at != null ? PartFile.resume(file, at) : PartFile.create(file);
  }

  /** The writers of one export's files. */
  private final class Writers {
    private final Map<String, PartFile> parts;
    private final RowWriter main;
    private final RowWriter links;
    private final RowWriter comments;
    private final RowWriter history;
    private final WorkItemColumns columns;
    private final int treeDepth;

    Writers(
        Map<String, PartFile> parts, boolean resume, WorkItemColumns columns, List<Integer> depths)
        throws IOException {
      this.parts = parts;
      this.columns = columns;
      int d = 0;
      if (depths != null) {
        for (int x : depths) {
          d = Math.max(d, x);
        }
      }
      this.treeDepth = d + 1;
      // An xlsx export's rows are staged as CSV (see run).
      RowFormat staged = o.format() == RowFormat.XLSX ? RowFormat.CSV : o.format();
      main = writer(parts.get("main"), staged, resume);
      List<String> header = new ArrayList<>();
      if (o.format() == RowFormat.BOARDS_CSV) {
        header.add("ID");
        header.add("Work Item Type");
        for (int i = 1; i <= treeDepth; i++) {
          header.add("Title " + i);
        }
        for (FieldInfo f : columns.fields()) {
          if (!boardsFixed(f)) {
            header.add(f.name());
          }
        }
      } else {
        header.addAll(columns.header());
        if (o.relations()) {
          header.add("Parent");
        }
      }
      main.header(header);
      links = parts.containsKey("links") ? writer(parts.get("links"), RowFormat.CSV, resume) : null;
      if (links != null) {
        links.header(List.of("SourceId", "TargetId", "LinkType", "Url"));
      }
      comments =
          parts.containsKey("comments")
              ? writer(parts.get("comments"), RowFormat.CSV, resume)
              : null;
      if (comments != null) {
        comments.header(List.of("WorkItemId", "Id", "Text", "CreatedBy", "CreatedDate"));
      }
      history =
          parts.containsKey("history")
              ? writer(parts.get("history"), RowFormat.NDJSON, resume)
              : null;
    }

    private RowWriter writer(PartFile p, RowFormat f, boolean resume) throws IOException {
      return RowWriter.open(f, p.stream(), resume && p.resumed(), 0);
    }

    private boolean boardsFixed(FieldInfo f) {
      String r = f.referenceName();
      return r.equals("System.Id") || r.equals("System.WorkItemType") || r.equals("System.Title");
    }

    void item(WorkItem item, int depth) throws IOException {
      if (o.format().raw()) {
        main.row(List.of(), WorkItemColumns.raw(item));
      } else if (o.format() == RowFormat.BOARDS_CSV) {
        List<String> row = new ArrayList<>();
        row.add(Integer.toString(item.id()));
        row.add(WorkItemColumns.text(item.field("System.WorkItemType")));
        for (int i = 0; i < treeDepth; i++) {
          row.add(i == depth ? WorkItemColumns.text(item.field("System.Title")) : "");
        }
        for (FieldInfo f : columns.fields()) {
          if (!boardsFixed(f)) {
            JsonNode v = item.field(f.referenceName());
            row.add(f.identity() ? WorkItemColumns.identity(v) : WorkItemColumns.text(v));
          }
        }
        main.row(row, null);
      } else {
        List<String> row = new ArrayList<>(columns.values(item));
        if (o.relations()) {
          row.add(parentOf(item));
        }
        main.row(row, null);
      }
      if (links != null) {
        for (JsonNode rel : item.relations()) {
          String url = rel.path("url").asText("");
          int slash = url.lastIndexOf('/');
          String target = url.contains("/workItems/") ? url.substring(slash + 1) : "";
          links.row(
              List.of(Integer.toString(item.id()), target, rel.path("rel").asText(""), url), null);
        }
      }
    }

    void comments(int id, List<Comment> list) throws IOException {
      for (Comment c : list) {
        comments.row(
            List.of(
                Integer.toString(id),
                Integer.toString(c.id()),
                Objects.toString(c.text(), ""),
                Objects.toString(c.createdBy(), ""),
                Objects.toString(c.createdDate(), "")),
            null);
      }
    }

    void revision(WorkItem r) throws IOException {
      history.row(List.of(), WorkItemColumns.raw(r));
    }

    Map<String, Long> positions() throws IOException {
      main.flush();
      if (links != null) {
        links.flush();
      }
      if (comments != null) {
        comments.flush();
      }
      if (history != null) {
        history.flush();
      }
      Map<String, Long> out = new LinkedHashMap<>();
      for (Map.Entry<String, PartFile> e : parts.entrySet()) {
        out.put(e.getKey(), e.getValue().position());
      }
      return out;
    }

    void finish() throws IOException {
      main.finish();
      if (links != null) {
        links.finish();
      }
      if (comments != null) {
        comments.finish();
      }
      if (history != null) {
        history.finish();
      }
    }
  }

  private static String parentOf(WorkItem item) {
    for (JsonNode rel : item.relations()) {
      if (PARENT.equals(rel.path("rel").asText())) {
        String url = rel.path("url").asText("");
        return url.substring(url.lastIndexOf('/') + 1);
      }
    }
    return "";
  }
}
