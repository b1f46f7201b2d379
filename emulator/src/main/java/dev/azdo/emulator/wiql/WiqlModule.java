package dev.azdo.emulator.wiql;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.EmulatorModule;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.http.ApiRequest;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.http.ResourceArea;
import dev.azdo.emulator.http.StreamedJson;
import dev.azdo.emulator.model.ClassificationTree;
import dev.azdo.emulator.model.FieldCatalog;
import dev.azdo.emulator.model.FieldDef;
import dev.azdo.emulator.model.Project;
import dev.azdo.emulator.model.ProjectDirectory;
import dev.azdo.emulator.model.WorkItem;
import dev.azdo.emulator.store.Table;
import dev.azdo.emulator.wit.WitTables;
import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * The wiql resource of the wit area: POST {project}/{team}/_apis/wit/wiql runs a WIQL query over
 * the "workItems" table and answers a WorkItemQueryResult. Offers the {@link WiqlEngine} to other
 * modules.
 */
public final class WiqlModule implements EmulatorModule {

  /** The wiql location id Microsoft's clients route queryByWiql by. */
  static final String WIQL_LOCATION_ID = "1a9c53f7-f243-4447-b110-35ef023636e4";

  private static final String VALIDATION_TYPE_NAME =
      "Microsoft.VisualStudio.Services.Common.VssPropertyValidationException,"
          + " Microsoft.VisualStudio.Services.Common";

  private EmulatorContext ctx;
  private WiqlEngine engine;
  private SavedQueries savedQueries;

  @Override
  public void register(EmulatorContext ctx) {
    this.ctx = ctx;
    Table<WorkItem> items = ctx.store().table(WitTables.WORK_ITEMS);
    Table<WorkItem> revisions = ctx.store().table(WitTables.REVISIONS);
    this.engine =
        new WiqlEngine(
            new LiveCatalog(),
            ctx.directory(),
            new WiqlEngine.WorkItemSource() {
              @Override
              public Collection<WorkItem> workItems() {
                return items.values();
              }

              @Override
              public WorkItem revision(int id, int rev) {
                return revisions.get(id + ":" + rev);
              }
            },
            this::pathExists,
            new TeamGroups(ctx));
    ctx.provide(WiqlEngine.class, engine);
    ctx.router().area(ResourceArea.WIT);
    SavedQueries saved = new SavedQueries(ctx, engine);
    savedQueries = saved;
    ctx.router()
        .route(
            ResourceArea.WIT, "wiql", WIQL_LOCATION_ID, "{project}/{team}/_apis/{area}/{resource}")
        .versions("1.0", "7.2", "7.1", 2)
        .post(this::queryByWiql);
    // Running a saved query by id is a location of its own, as Microsoft's clients route it.
    ctx.router()
        .route(
            ResourceArea.WIT,
            "wiql",
            "a02355f5-5f8a-4671-8e32-369d23aac83d",
            "{project}/{team}/_apis/{area}/{resource}/{id}")
        .versions("1.0", "7.2", "7.1", 2)
        .get(this::queryById);
    ctx.router()
        .route(
            ResourceArea.WIT,
            "queries",
            "a67d190c-c41f-424b-814d-0e906f659301",
            "{project}/_apis/{area}/{resource}/{*query}")
        .versions("1.0", "7.2", "7.1", 2)
        .get(saved::get)
        .post(saved::create)
        .patch(saved::update)
        .delete(saved::delete);
  }

  /** GET wiql/{id}: runs a saved query's WIQL as POST wiql runs text. */
  private Object queryById(ApiRequest req) {
    String id = req.route("id");
    if (id == null || id.isEmpty()) {
      throw new ApiException(
          405,
          "HttpMethodNotAllowedException",
          "The requested resource does not support http method 'GET'.");
    }
    ProjectDirectory projects = optional(ProjectDirectory.class);
    String projectRoute = req.route("project");
    if (projects == null || projectRoute == null || projectRoute.isEmpty()) {
      throw SavedQueries.missing(id);
    }
    Project p = projects.find(projectRoute);
    return run(req, p.name(), savedQueries.runnable(p, id, req.caller()).wiql());
  }

  private Object queryByWiql(ApiRequest req) {
    String projectName = null;
    String projectRoute = req.route("project");
    if (projectRoute != null && !projectRoute.isEmpty()) {
      ProjectDirectory projects = optional(ProjectDirectory.class);
      projectName = projects == null ? projectRoute : projects.find(projectRoute).name();
    }
    JsonNode body = req.json();
    JsonNode text = body.path("query");
    if (!text.isTextual()) {
      throw ApiException.badRequest(
          "ArgumentNullException", "Value cannot be null.\r\nParameter name: wiql");
    }
    return run(req, projectName, text.asText());
  }

  private Object run(ApiRequest req, String projectName, String wiql) {
    String topText = req.query("$top");
    Integer top = topText == null || topText.isBlank() ? null : req.queryInt("$top", 0);
    if (top != null && top < 0) {
      throw ApiException.badRequest(
          "InvalidArgumentValueException",
          "The value '" + topText + "' is not valid for parameter $top.");
    }
    WiqlEngine.Options options =
        new WiqlEngine.Options(
            projectName,
            req.caller(),
            ctx.clock().instant(),
            req.queryBool("timePrecision"),
            top,
            WiqlEngine.MAX_RESULTS,
            req.route("team"));
    WiqlResult result;
    try {
      result = engine.run(wiql, options);
    } catch (WiqlException e) {
      if (e.typeKey().equals(WiqlException.VALIDATION)) {
        throw new ApiException(400, e.typeKey(), VALIDATION_TYPE_NAME, e.getMessage());
      }
      throw new ApiException(400, e.typeKey(), e.getMessage());
    } catch (ApiException e) {
      throw e;
    } catch (RuntimeException e) {
      // No query answers 500: what the engine could not place in a clause is refused as a whole.
      String q = wiql;
      throw new ApiException(
          400,
          WiqlException.VALIDATION,
          VALIDATION_TYPE_NAME,
          "The query cannot be evaluated. The error is caused by «"
              + (q.length() > 80 ? q.substring(0, 80) + "…" : q)
              + "».");
    }
    return render(result, req.baseUrl());
  }

  /** The WorkItemQueryResult JSON the service answers, written when serialized. */
  static StreamedJson render(WiqlResult r, String baseUrl) {
    return StreamedJson.of(g -> write(g, r, baseUrl));
  }

  private static void write(JsonGenerator g, WiqlResult r, String baseUrl) throws IOException {
    g.writeStartObject();
    g.writeStringField("queryType", r.queryType());
    g.writeStringField("queryResultType", r.queryResultType());
    g.writeStringField("asOf", Json.date(r.asOf()));
    g.writeArrayFieldStart("columns");
    for (FieldDef f : r.columns()) {
      fieldRef(g, f, baseUrl);
    }
    g.writeEndArray();
    if (!r.sortColumns().isEmpty()) {
      g.writeArrayFieldStart("sortColumns");
      for (WiqlResult.SortColumn s : r.sortColumns()) {
        g.writeStartObject();
        g.writeFieldName("field");
        fieldRef(g, s.field(), baseUrl);
        g.writeBooleanField("descending", s.descending());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    String items = baseUrl + "_apis/wit/workItems/";
    if (r.workItems() != null) {
      g.writeArrayFieldStart("workItems");
      for (int id : r.workItems()) {
        itemRef(g, id, items);
      }
      g.writeEndArray();
    } else {
      g.writeArrayFieldStart("workItemRelations");
      for (WiqlResult.Link l : r.workItemRelations()) {
        g.writeStartObject();
        // Top-level rows of a link query have no rel and no source: the service omits both keys
        // (Microsoft's httpExamples show it), so clients read them as undefined/null.
        if (l.rel() != null) {
          g.writeStringField("rel", l.rel());
          g.writeFieldName("source");
          itemRef(g, l.sourceId(), items);
        }
        g.writeFieldName("target");
        itemRef(g, l.targetId(), items);
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void fieldRef(JsonGenerator g, FieldDef f, String baseUrl) throws IOException {
    g.writeStartObject();
    g.writeStringField("referenceName", f.referenceName());
    g.writeStringField("name", f.name());
    g.writeStringField("url", baseUrl + "_apis/wit/fields/" + f.referenceName());
    g.writeEndObject();
  }

  private static void itemRef(JsonGenerator g, int id, String itemsUrl) throws IOException {
    g.writeStartObject();
    g.writeNumberField("id", id);
    g.writeStringField("url", itemsUrl + id);
    g.writeEndObject();
  }

  /** Checks an area/iteration path ("Project\\Node") when the classification module is there. */
  private boolean pathExists(String structure, String path) {
    ClassificationTree tree = optional(ClassificationTree.class);
    ProjectDirectory projects = optional(ProjectDirectory.class);
    if (tree == null || projects == null) {
      return true;
    }
    int slash = path.indexOf('\\');
    Project p = projects.findOrNull(slash < 0 ? path : path.substring(0, slash));
    return p != null && tree.exists(p.id(), structure, path);
  }

  private <T> T optional(Class<T> type) {
    try {
      return ctx.require(type);
    } catch (IllegalStateException e) {
      return null; // the module that provides it is not written yet or not loaded
    }
  }

  /** The process module's field catalog, looked up per call because it registers separately. */
  private final class LiveCatalog implements FieldCatalog {
    @Override
    public FieldDef find(String referenceOrName) {
      FieldCatalog c = optional(FieldCatalog.class);
      return c == null ? null : c.find(referenceOrName);
    }

    @Override
    public Collection<FieldDef> all() {
      FieldCatalog c = optional(FieldCatalog.class);
      return c == null ? List.of() : c.all();
    }
  }
}
