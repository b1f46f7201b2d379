package dev.azdo.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.azdo.client.auth.Credentials;
import dev.azdo.client.auth.PatCredentials;
import dev.azdo.client.http.AuthInterceptor;
import dev.azdo.client.http.FedAuthRedirectInterceptor;
import dev.azdo.client.http.HttpPipeline;
import dev.azdo.client.http.Interceptor;
import dev.azdo.client.http.LoggingInterceptor;
import dev.azdo.client.http.RatePacer;
import dev.azdo.client.http.Redactor;
import dev.azdo.client.http.RedirectInterceptor;
import dev.azdo.client.http.Request;
import dev.azdo.client.http.Response;
import dev.azdo.client.http.RetryInterceptor;
import dev.azdo.client.http.Sleeper;
import dev.azdo.client.http.TransportInterceptor;
import dev.azdo.client.http.TrustedHostGuard;
import dev.azdo.client.http.TrustedHosts;
import dev.azdo.client.http.UserAgentInterceptor;
import dev.azdo.client.http.WaitCapInterceptor;
import dev.azdo.client.internal.Urls;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/** Typed calls to the Azure DevOps REST API over the interceptor pipeline; thread-safe. */
public final class AzdoClient {
  /** Product name sent in the User-Agent. */
  public static final String PRODUCT = "azdo-connector-java";

  /** Most ids one work items GET or $batch call accepts (VS403474 beyond). */
  public static final int MAX_IDS_PER_CALL = 200;

  /** Most results one WIQL query returns before failing with VS402337. */
  public static final int WIQL_RESULT_CAP = 20_000;

  /** api-version of the comments API, still preview in 7.1. */
  public static final String COMMENTS_API_VERSION = "7.1-preview.4";

  private static final String JSON_PATCH = "application/json-patch+json";
  private static final String JSON_TYPE = "application/json";

  private final ConnectionSettings settings;
  private final HttpPipeline pipeline;
  private final RatePacer pacer;
  private final Redactor redactor;
  private final TrustedHosts trustedHosts;
  private final Credentials credentials;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration operationPollInterval;
  private final String base;
  private final Map<String, List<WorkItemField>> fieldCache = new ConcurrentHashMap<>();
  private final Map<String, Map<String, JsonNode>> fieldDefinitionCache = new ConcurrentHashMap<>();
  private volatile ApiVersions versions;

  private AzdoClient(Builder b) {
    this.settings = b.settings;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.redactor = new Redactor();
    this.operationPollInterval = b.operationPollInterval;
    this.credentials = b.credentials != null ? b.credentials : defaultCredentials(settings);
    settings.token().ifPresent(t -> redactor.addSecret(t.reveal()));
    settings.oauthClientSecret().ifPresent(t -> redactor.addSecret(t.reveal()));
    settings.entraClientSecret().ifPresent(t -> redactor.addSecret(t.reveal()));
    this.trustedHosts = new TrustedHosts(settings.orgUrl(), settings.trustedDomains());
    String url = settings.orgUrl().toString();
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    List<Interceptor> chain = new ArrayList<>(b.applicationInterceptors);
    chain.add(
        new RetryInterceptor(
            settings.retryStatuses(),
            settings.retryMax(),
            settings.retryMultiplyWait(),
            settings.retryWait(),
            settings.retryMaxWait(),
            clock,
            sleeper,
            b.random));
    chain.add(new WaitCapInterceptor(settings.demandedWaitCap(), clock));
    // After the retries, so that every attempt is paced and a 429 is seen by the pacer.
    this.pacer = new RatePacer(settings.rateShare(), clock, sleeper);
    chain.add(pacer);
    chain.add(new RedirectInterceptor(trustedHosts));
    chain.add(new UserAgentInterceptor(userAgent()));
    chain.add(new FedAuthRedirectInterceptor());
    chain.add(new AuthInterceptor(credentials, trustedHosts, redactor));
    chain.add(new TrustedHostGuard(trustedHosts, Set.of(credentials.headerName())));
    chain.add(new LoggingInterceptor(redactor, clock));
    chain.addAll(b.networkInterceptors);
    chain.add(
        b.transport != null
            ? b.transport
            : new TransportInterceptor(
                settings.connectTimeout(), settings.requestTimeout(), b.sslContext));
    this.pipeline = new HttpPipeline(chain);
  }

  /** Creates a client with real time and the credentials the settings describe. */
  public static AzdoClient create(ConnectionSettings settings) {
    return builder(settings).build();
  }

  /** Starts a builder for tests or custom credentials, clocks and interceptors. */
  public static Builder builder(ConnectionSettings settings) {
    return new Builder(settings);
  }

  /** Returns the User-Agent value: product, version, Java and OS. */
  public static String userAgent() {
    String v = AzdoClient.class.getPackage().getImplementationVersion();
    return PRODUCT
        + "/"
        + (v == null ? "0.1.0-SNAPSHOT" : v)
        + " (Java "
        + Runtime.version().feature()
        + "; "
        + System.getProperty("os.name")
        + ")";
  }

  /** Returns the settings this client uses. */
  public ConnectionSettings settings() {
    return settings;
  }

  /** Returns the redactor that knows this client's secrets, for callers that log. */
  public Redactor redactor() {
    return redactor;
  }

  // ---------------------------------------------------------------- connection

  /** Returns who the credentials belong to ({@code GET _apis/connectionData}). */
  public ConnectionData connectionData() {
    // connectionData is versionless on Services and Server alike.
    return ConnectionData.from(
        json(send("GET", base + "/_apis/connectionData", null, null, false, "check connection")));
  }

  /**
   * The api-versions this client sends, negotiated once with the server ({@code OPTIONS _apis/wit})
   * unless api-version-negotiation is off; a server that cannot say gets the configured ones.
   * Credentials the server refuses fail here as they would on the call itself.
   */
  public ApiVersions apiVersions() {
    ApiVersions v = versions;
    if (v == null) {
      synchronized (this) {
        v = versions;
        if (v == null) {
          v = negotiateVersions();
          versions = v;
        }
      }
    }
    return v;
  }

  private ApiVersions negotiateVersions() {
    String configured = settings.apiVersion();
    if (!settings.negotiateApiVersion()) {
      return ApiVersions.configured(configured);
    }
    try {
      JsonNode n =
          json(
              send("OPTIONS", base + "/_apis/wit", null, null, true, "read the server's versions"));
      return ApiVersions.negotiate(configured, n.get("value"));
    } catch (AzdoException e) {
      if (e.kind() == AzdoException.Kind.AUTHENTICATION
          || e.kind() == AzdoException.Kind.UNREACHABLE
          || e.kind() == AzdoException.Kind.UNTRUSTED_HOST) {
        // The call itself would fail the same way: fail now, not after a second round of retries.
        throw e;
      }
      // A proxy that refuses OPTIONS, or a server without the wit area: keep the configured one.
      return ApiVersions.configured(configured);
    }
  }

  /** Returns the highest released REST version the server offers, from {@code OPTIONS _apis}. */
  public Optional<String> serverApiVersion() {
    JsonNode n = json(send("OPTIONS", base + "/_apis", null, null, false, "read API versions"));
    String best = null;
    for (JsonNode loc : Json.list(n.get("value"))) {
      String v = Json.text(loc, "releasedVersion");
      if (v != null && !v.startsWith("0.") && (best == null || compareVersions(v, best) > 0)) {
        best = v;
      }
    }
    return Optional.ofNullable(best);
  }

  // ---------------------------------------------------------------- projects

  /** Lists one page of projects; pass the previous page's token or null for the first. */
  public Page<Project> listProjects(String continuationToken, int top) {
    StringBuilder url = new StringBuilder(api("/_apis/projects")).append("&$top=").append(top);
    if (continuationToken != null) {
      url.append("&continuationToken=").append(Urls.query(continuationToken));
    }
    Response r = send("GET", url.toString(), null, null, false, "list projects");
    List<Project> items = Json.list(json(r).get("value")).stream().map(Project::from).toList();
    // The next page's token comes in a header, not in the body.
    return new Page<>(items, r.header("x-ms-continuationtoken"));
  }

  /** Lists every project, following continuation tokens. */
  public List<Project> listAllProjects() {
    List<Project> all = new ArrayList<>();
    String token = null;
    do {
      Page<Project> page = listProjects(token, 100);
      all.addAll(page.items());
      token = page.continuationToken();
    } while (token != null && !token.isEmpty());
    return all;
  }

  /** Returns a project by name or id. */
  public Project getProject(String nameOrId) {
    return Project.from(
        json(
            send(
                "GET",
                api("/_apis/projects/" + Urls.segment(nameOrId)),
                null,
                null,
                false,
                "get project " + nameOrId)));
  }

  /** Queues project creation, waits for the operation and returns the new project. */
  public Project createProject(
      String name, String description, String processTemplateId, String visibility) {
    ObjectNode body = Json.MAPPER.createObjectNode().put("name", name);
    if (description != null) {
      body.put("description", description);
    }
    body.put("visibility", visibility == null ? "private" : visibility);
    ObjectNode caps = body.putObject("capabilities");
    caps.putObject("versioncontrol").put("sourceControlType", "Git");
    caps.putObject("processTemplate").put("templateTypeId", processTemplateId);
    Operation op =
        Operation.from(
            json(
                send(
                    "POST",
                    api("/_apis/projects"),
                    body,
                    JSON_TYPE,
                    false,
                    "create project " + name)));
    awaitOperation(op, "create project " + name);
    return getProject(name);
  }

  /** Updates a project's name or description and waits for the operation. */
  public Operation updateProject(String projectId, String newName, String newDescription) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    if (newName != null) {
      body.put("name", newName);
    }
    if (newDescription != null) {
      body.put("description", newDescription);
    }
    Operation op =
        Operation.from(
            json(
                send(
                    "PATCH",
                    api("/_apis/projects/" + Urls.segment(projectId)),
                    body,
                    JSON_TYPE,
                    true,
                    "update project " + projectId)));
    return awaitOperation(op, "update project " + projectId);
  }

  /** Deletes a project (by id) and waits for the operation. */
  public Operation deleteProject(String projectId) {
    Operation op =
        Operation.from(
            json(
                send(
                    "DELETE",
                    api("/_apis/projects/" + Urls.segment(projectId)),
                    null,
                    null,
                    true,
                    "delete project " + projectId)));
    return awaitOperation(op, "delete project " + projectId);
  }

  /** Returns the current state of a long-running operation. */
  public Operation getOperation(String operationId) {
    return Operation.from(
        json(
            send(
                "GET",
                api("/_apis/operations/" + Urls.segment(operationId)),
                null,
                null,
                false,
                "get operation")));
  }

  private Operation awaitOperation(Operation op, String what) {
    if (op.id() == null) {
      return op;
    }
    Operation current = op;
    // Project creation usually takes 5-30 s; ten minutes means the service is stuck.
    Instant deadline = clock.instant().plus(Duration.ofMinutes(10));
    while (!current.isDone()) {
      if (clock.instant().isAfter(deadline)) {
        throw new AzdoException(
            AzdoException.Kind.OTHER,
            0,
            null,
            null,
            what + ": operation " + op.id() + " did not finish in 10 minutes");
      }
      pause(operationPollInterval);
      current = getOperation(op.id());
    }
    if (!current.succeeded()) {
      String msg = current.resultMessage() == null ? current.status() : current.resultMessage();
      AzdoException e =
          AzdoException.fromEnvelope(
              400, "{\"message\":" + TextNode.valueOf(msg) + "}", what + " failed");
      throw new AzdoException(
          AzdoException.Kind.INVALID, 0, e.serviceCode(), null, what + " failed: " + msg);
    }
    return current;
  }

  // ---------------------------------------------------------------- processes and teams

  /** Lists the organization's processes. */
  public List<Process> listProcesses() {
    return Json.list(
            json(send("GET", api("/_apis/process/processes"), null, null, false, "list processes"))
                .get("value"))
        .stream()
        .map(Process::from)
        .toList();
  }

  /** Lists every team of a project, paging with $top/$skip. */
  public List<Team> listTeams(String project) {
    List<Team> all = new ArrayList<>();
    int top = 100;
    for (int skip = 0; ; skip += top) {
      String url =
          api("/_apis/projects/" + Urls.segment(project) + "/teams")
              + "&$top="
              + top
              + "&$skip="
              + skip;
      List<Team> page =
          Json.list(
                  json(send("GET", url, null, null, false, "list teams of " + project))
                      .get("value"))
              .stream()
              .map(Team::from)
              .toList();
      all.addAll(page);
      if (page.size() < top) {
        return all;
      }
    }
  }

  /** Creates a team in a project. */
  public Team createTeam(String project, String name, String description) {
    ObjectNode body = Json.MAPPER.createObjectNode().put("name", name);
    if (description != null) {
      body.put("description", description);
    }
    return Team.from(
        json(
            send(
                "POST",
                api("/_apis/projects/" + Urls.segment(project) + "/teams"),
                body,
                JSON_TYPE,
                false,
                "create team " + name)));
  }

  /** Renames a team or changes its description (null keeps a value). */
  public Team updateTeam(String project, String team, String newName, String newDescription) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    if (newName != null) {
      body.put("name", newName);
    }
    if (newDescription != null) {
      body.put("description", newDescription);
    }
    return Team.from(
        json(
            send(
                "PATCH",
                api("/_apis/projects/" + Urls.segment(project) + "/teams/" + Urls.segment(team)),
                body,
                JSON_TYPE,
                true,
                "update team " + team)));
  }

  /** Deletes a team. */
  public void deleteTeam(String project, String team) {
    send(
        "DELETE",
        api("/_apis/projects/" + Urls.segment(project) + "/teams/" + Urls.segment(team)),
        null,
        null,
        true,
        "delete team " + team);
  }

  // ---------------------------------------------------------------- types and fields

  /** Lists the work item types of a project. */
  public List<WorkItemType> listWorkItemTypes(String project) {
    return Json.list(
            json(send(
                    "GET",
                    api("/" + Urls.segment(project) + "/_apis/wit/workitemtypes"),
                    null,
                    null,
                    false,
                    "list work item types"))
                .get("value"))
        .stream()
        .map(WorkItemType::from)
        .toList();
  }

  /**
   * Returns the fields of a work item type with data types and picklists, cached per project and
   * type.
   */
  public List<WorkItemField> listFields(String project, String type) {
    String key =
        project.toLowerCase(java.util.Locale.ROOT)
            + "\u0000"
            + type.toLowerCase(java.util.Locale.ROOT);
    List<WorkItemField> cached = fieldCache.get(key);
    if (cached != null) {
      return cached;
    }
    Map<String, JsonNode> defs = fieldDefinitions(project);
    String url =
        api(
                "/"
                    + Urls.segment(project)
                    + "/_apis/wit/workitemtypes/"
                    + Urls.segment(type)
                    + "/fields")
            + "&$expand=all";
    List<WorkItemField> fields =
        Json.list(json(send("GET", url, null, null, false, "list fields of " + type)).get("value"))
            .stream()
            .map(f -> WorkItemField.from(f, defs.get(Json.text(f, "referenceName"))))
            .toList();
    fieldCache.put(key, fields);
    return fields;
  }

  /** Forgets cached fields, e.g. after a process change. */
  public void clearFieldCache() {
    fieldCache.clear();
    fieldDefinitionCache.clear();
  }

  private Map<String, JsonNode> fieldDefinitions(String project) {
    return fieldDefinitionCache.computeIfAbsent(
        project.toLowerCase(java.util.Locale.ROOT),
        p -> {
          Map<String, JsonNode> m = new LinkedHashMap<>();
          Json.list(
                  json(send(
                          "GET",
                          api("/" + Urls.segment(project) + "/_apis/wit/fields"),
                          null,
                          null,
                          false,
                          "list fields"))
                      .get("value"))
              .forEach(f -> m.put(Json.text(f, "referenceName"), f));
          return m;
        });
  }

  // ---------------------------------------------------------------- work items

  /** Returns one work item with relations. */
  public WorkItem getWorkItem(int id) {
    return WorkItem.from(
        json(
            send(
                "GET",
                api("/_apis/wit/workitems/" + id) + "&$expand=relations",
                null,
                null,
                false,
                "get work item " + id)));
  }

  /**
   * Returns work items by id in calls of 200; missing ids are skipped; fields may be null for all.
   */
  public List<WorkItem> getWorkItems(Collection<Integer> ids, List<String> fields) {
    return WorkItemFetcher.builder(this).fields(fields).concurrency(1).build().fetchAll(ids);
  }

  /** Creates a work item of a type in a project. */
  public WorkItem createWorkItem(
      String project, String type, WorkItemPatch patch, WriteOptions options) {
    String url =
        api("/" + Urls.segment(project) + "/_apis/wit/workitems/$" + Urls.segment(type))
            + options.query();
    return WorkItem.from(
        json(send("POST", url, patch.toJson(), JSON_PATCH, false, "create " + type)));
  }

  /** Updates a work item. */
  public WorkItem updateWorkItem(int id, WorkItemPatch patch, WriteOptions options) {
    String url = api("/_apis/wit/workitems/" + id) + options.query();
    return WorkItem.from(
        json(send("PATCH", url, patch.toJson(), JSON_PATCH, false, "update work item " + id)));
  }

  /** Deletes a work item to the recycle bin, or for good when destroy is true. */
  public void deleteWorkItem(int id, boolean destroy) {
    send(
        "DELETE",
        api("/_apis/wit/workitems/" + id) + (destroy ? "&destroy=true" : ""),
        null,
        null,
        true,
        "delete work item " + id);
  }

  /** Returns a batch item that creates a work item, for {@link #batch}. */
  public BatchRequest createRequest(
      String project, String type, WorkItemPatch patch, WriteOptions options) {
    return createRequest(project, type, patch.toJson(), options);
  }

  /**
   * Returns a batch item that creates a work item from a JSON Patch document given as any JSON node
   * (such as a POJONode that writes itself), for {@link #batch}.
   */
  public BatchRequest createRequest(
      String project, String type, JsonNode patch, WriteOptions options) {
    return new BatchRequest(
        "PATCH",
        rootPath()
            + "/"
            + Urls.segment(project)
            + "/_apis/wit/workitems/$"
            + Urls.segment(type)
            + "?api-version="
            + apiVersions().general()
            + options.query(),
        Map.of("Content-Type", JSON_PATCH),
        patch);
  }

  /** Returns a batch item that updates a work item, for {@link #batch}. */
  public BatchRequest updateRequest(int id, WorkItemPatch patch, WriteOptions options) {
    return updateRequest(id, patch.toJson(), options);
  }

  /** Returns a batch item that updates a work item from a JSON Patch document as any JSON node. */
  public BatchRequest updateRequest(int id, JsonNode patch, WriteOptions options) {
    return new BatchRequest(
        "PATCH",
        rootPath()
            + "/_apis/wit/workitems/"
            + id
            + "?api-version="
            + apiVersions().general()
            + options.query(),
        Map.of("Content-Type", JSON_PATCH),
        patch);
  }

  /**
   * Returns exactly the bytes {@link #batch} sends for these requests, so a dry run can show what a
   * real run would send.
   */
  public byte[] batchBody(List<BatchRequest> requests) {
    ArrayNode body = Json.MAPPER.createArrayNode();
    for (BatchRequest r : requests) {
      ObjectNode o = body.addObject().put("method", r.method()).put("uri", r.uri());
      ObjectNode h = o.putObject("headers");
      r.headers().forEach(h::put);
      if (r.body() != null) {
        o.set("body", r.body());
      }
    }
    try {
      return Json.MAPPER.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot serialize request body", e);
    }
  }

  /** Sends up to 200 requests in one {@code $batch} call; items succeed or fail one by one. */
  public List<BatchResult> batch(List<BatchRequest> requests) {
    if (requests.size() > MAX_IDS_PER_CALL) {
      throw new IllegalArgumentException(
          "a $batch call takes at most " + MAX_IDS_PER_CALL + " requests, got " + requests.size());
    }
    Response r =
        send(
            "POST",
            api("/_apis/wit/$batch"),
            batchBody(requests),
            JSON_TYPE,
            false,
            "batch",
            requests.size());
    try {
      return parseBatch(r.body());
    } catch (IOException e) {
      throw unreadable(r);
    }
  }

  /**
   * Parses a $batch response as a stream; each item's body arrives as a JSON string and is kept as
   * text until someone asks for more than its id.
   */
  static List<BatchResult> parseBatch(byte[] response) throws IOException {
    List<BatchResult> out = new ArrayList<>();
    try (JsonParser p = Json.MAPPER.getFactory().createParser(response)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if (!field.equals("value") || t != JsonToken.START_ARRAY) {
          p.skipChildren();
          continue;
        }
        while (p.nextToken() == JsonToken.START_OBJECT) {
          out.add(batchItem(p));
        }
      }
    }
    return out;
  }

  private static BatchResult batchItem(JsonParser p) throws IOException {
    int code = 0;
    Map<String, String> headers = new LinkedHashMap<>();
    String text = null;
    JsonNode tree = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      switch (field) {
        case "code" -> code = p.getValueAsInt();
        case "headers" -> {
          if (t == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String name = p.currentName();
              p.nextToken();
              headers.put(name, p.getValueAsString());
            }
          } else {
            p.skipChildren();
          }
        }
        case "body" -> {
          if (t == JsonToken.VALUE_STRING) {
            text = p.getText();
          } else {
            tree = Json.MAPPER.readTree(p);
          }
        }
        default -> p.skipChildren();
      }
    }
    return text != null
        ? BatchResult.ofText(code, headers, text)
        : new BatchResult(code, headers, tree);
  }

  // ---------------------------------------------------------------- WIQL

  /**
   * Runs a WIQL query and returns all matching ids, splitting by id range past the 20,000 cap (the
   * order is then by id); {@link WorkItemQueries} keeps the query's order and returns links.
   */
  public WiqlResult queryIds(String project, String wiql) {
    QueryResult r = new WorkItemQueries(this).idsInAnyOrder(project, wiql);
    return new WiqlResult(
        r.ids(), r.columns().stream().map(WiqlColumn::referenceName).toList(), r.split());
  }

  // ---------------------------------------------------------------- comments

  /** Lists one page of a work item's comments; pass null for the first page. */
  public Page<Comment> listComments(String project, int workItemId, String continuationToken) {
    String url =
        commentsUrl(project, workItemId)
            + "&$top=200"
            + (continuationToken == null
                ? ""
                : "&continuationToken=" + Urls.query(continuationToken));
    JsonNode n = json(send("GET", url, null, null, false, "list comments of " + workItemId));
    List<Comment> items = Json.list(n.get("comments")).stream().map(Comment::from).toList();
    return new Page<>(items, Json.text(n, "continuationToken"));
  }

  /** Adds a comment (HTML or plain text) to a work item. */
  public Comment addComment(String project, int workItemId, String text) {
    ObjectNode body = Json.MAPPER.createObjectNode().put("text", text);
    return Comment.from(
        json(
            send(
                "POST",
                commentsUrl(project, workItemId),
                body,
                JSON_TYPE,
                false,
                "add comment to " + workItemId)));
  }

  private String commentsUrl(String project, int workItemId) {
    return base
        + "/"
        + Urls.segment(project)
        + "/_apis/wit/workItems/"
        + workItemId
        + "/comments?api-version="
        + commentsVersion();
  }

  private String commentsVersion() {
    String v = apiVersions().comments();
    if (v == null) {
      throw new AzdoException(
          AzdoException.Kind.INVALID,
          400,
          null,
          null,
          "work item comments: this server (api-version "
              + apiVersions().serverVersion()
              + ") has no comments API; it came with Azure DevOps Server 2019 Update 1"
              + " (api-version 5.1)");
    }
    return v;
  }

  // ---------------------------------------------------------------- classification nodes

  /**
   * Returns an area or iteration node (path null for the root) with children to the given depth.
   */
  public ClassificationNode getNode(
      String project, ClassificationNode.Group group, String path, int depth) {
    String url = nodesUrl(project, group, path) + "&$depth=" + depth;
    return ClassificationNode.from(
        json(send("GET", url, null, null, false, "get " + group.segment())));
  }

  /**
   * Creates an area or iteration under a parent path (null for the root); attributes may be null.
   */
  public ClassificationNode createNode(
      String project,
      ClassificationNode.Group group,
      String parentPath,
      String name,
      JsonNode attributes) {
    ObjectNode body = Json.MAPPER.createObjectNode().put("name", name);
    if (attributes != null) {
      body.set("attributes", attributes);
    }
    return ClassificationNode.from(
        json(
            send(
                "POST",
                nodesUrl(project, group, parentPath),
                body,
                JSON_TYPE,
                false,
                "create " + group.segment() + " " + name)));
  }

  /** Deletes an area or iteration, moving its work items to the node with reclassifyId. */
  public void deleteNode(
      String project, ClassificationNode.Group group, String path, int reclassifyId) {
    send(
        "DELETE",
        nodesUrl(project, group, path) + "&$reclassifyId=" + reclassifyId,
        null,
        null,
        true,
        "delete " + group.segment() + " " + path);
  }

  private String nodesUrl(String project, ClassificationNode.Group group, String path) {
    return api(
        "/"
            + Urls.segment(project)
            + "/_apis/wit/classificationnodes/"
            + group.segment()
            + (path == null ? "" : Urls.path(path)));
  }

  // ---------------------------------------------------------------- attachments

  /** Uploads a file; link it with {@link WorkItemPatch#addAttachment}. */
  public AttachmentReference uploadAttachment(String project, String fileName, byte[] content) {
    String path =
        project == null
            ? "/_apis/wit/attachments"
            : "/" + Urls.segment(project) + "/_apis/wit/attachments";
    String url = api(path) + "&fileName=" + Urls.query(fileName) + "&uploadType=simple";
    // A repeated upload only leaves an unreferenced attachment behind, so retrying is safe.
    JsonNode n =
        json(send("POST", url, content, "application/octet-stream", true, "upload " + fileName));
    return new AttachmentReference(Json.text(n, "id"), Json.text(n, "url"));
  }

  // ---------------------------------------------------------------- generic

  /** GETs an API URL relative to the organization or absolute (e.g. a {@code _links} href). */
  public JsonNode get(String pathOrUrl) {
    String url =
        pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://")
            ? pathOrUrl
            : base + (pathOrUrl.startsWith("/") ? "" : "/") + pathOrUrl;
    return json(send("GET", url, null, null, false, "GET " + Redactor.redactUrl(pathOrUrl)));
  }

  /** Returns the pacer that keeps this client's identity under its rate budget. */
  public RatePacer pacer() {
    return pacer;
  }

  /** Sends any request through the pipeline and maps failures to {@link AzdoException}. */
  public Response send(
      String method, String url, Object body, String contentType, boolean idempotent, String what) {
    return send(method, url, body, contentType, idempotent, what, 1);
  }

  private Response send(
      String method,
      String url,
      Object body,
      String contentType,
      boolean idempotent,
      String what,
      int operations) {
    Request.Builder b =
        Request.builder(method, URI.create(url))
            .idempotent(idempotent)
            .operations(operations)
            .header("Accept", JSON_TYPE);
    if (body != null) {
      byte[] bytes;
      if (body instanceof byte[] raw) {
        bytes = raw;
      } else {
        try {
          bytes = Json.MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
          throw new IllegalArgumentException("cannot serialize request body", e);
        }
      }
      b.body(bytes).header("Content-Type", Objects.requireNonNullElse(contentType, JSON_TYPE));
    }
    Request request = b.build();
    Response response;
    try {
      response = pipeline.execute(request);
    } catch (IOException e) {
      throw ioFailure(e, request, what);
    }
    check(response, what);
    return response;
  }

  private void check(Response r, String what) {
    int s = r.status();
    String host = r.request().uri().getHost();
    if (s == 401) {
      AzdoException env = AzdoException.fromEnvelope(401, r.bodyText(), what);
      String detail =
          env.serviceCode() != null
              ? " ("
                  + redactor.redact(env.getMessage().replaceFirst("^.*?\\(HTTP 401\\): ", ""))
                  + ")"
              : "";
      throw new AuthenticationException(
          401,
          env.serviceCode(),
          env.typeKey(),
          "authentication failed (HTTP 401) at " + host + ": " + likelyCause() + detail);
    }
    if (s == 203 && isHtml(r)) {
      // Azure DevOps answers a rejected credential with 203 and its sign-in page when the
      // X-TFS-FedAuthRedirect: Suppress header is lost (e.g. stripped by a proxy).
      throw new AuthenticationException(
          203,
          null,
          null,
          "authentication failed (HTTP 203 sign-in page) at " + host + ": " + likelyCause());
    }
    if (s >= 300 && s < 400) {
      String location = r.header("Location");
      URI target = location == null ? null : r.request().uri().resolve(location);
      if (target != null && !trustedHosts.isTrusted(target)) {
        if (location.contains("_signin") || location.contains("login.microsoftonline.com")) {
          throw new AuthenticationException(
              s,
              null,
              null,
              "authentication failed: redirected to sign-in at "
                  + target.getHost()
                  + ": "
                  + likelyCause());
        }
        throw new AzdoException(
            AzdoException.Kind.UNTRUSTED_HOST,
            s,
            null,
            null,
            what
                + ": the server redirected to untrusted host "
                + target.getHost()
                + ("http".equalsIgnoreCase(target.getScheme()) ? " over http" : "")
                + "; "
                + trustedHosts.advice(target));
      }
      throw new AzdoException(
          AzdoException.Kind.OTHER, s, null, null, what + ": unexpected redirect (HTTP " + s + ")");
    }
    if (s >= 400) {
      AzdoException e = AzdoException.fromEnvelope(s, r.bodyText(), what);
      throw new AzdoException(
          e.kind(), s, e.serviceCode(), e.typeKey(), redactor.redact(e.getMessage()));
    }
    if (isHtml(r)) {
      throw new AzdoException(
          AzdoException.Kind.PROTOCOL,
          s,
          null,
          null,
          what + ": expected JSON but " + host + " sent an HTML page; check the organization URL");
    }
  }

  private String likelyCause() {
    return switch (settings.auth()) {
      case PAT ->
          "the personal access token is wrong, expired or revoked, lacks the needed scope, or belongs to another organization than "
              + settings.organization();
      case BEARER -> "the bearer token is invalid or expired";
      case OAUTH ->
          "the OAuth token is invalid, expired or revoked; run 'azdo token generate' again";
      case ENTRA ->
          "the Entra ID token was rejected; check the tenant and that the identity is a member of "
              + settings.organization();
    };
  }

  private static boolean isHtml(Response r) {
    String ct = r.header("Content-Type");
    if (ct != null) {
      return ct.toLowerCase(java.util.Locale.ROOT).startsWith("text/html");
    }
    String body = r.bodyText().stripLeading();
    return body.startsWith("<!DOCTYPE") || body.startsWith("<html");
  }

  private AzdoException ioFailure(IOException e, Request request, String what) {
    String host =
        request.uri().getHost()
            + (request.uri().getPort() > 0 ? ":" + request.uri().getPort() : "");
    if (e instanceof UnknownHostException) {
      return new AzdoException(
          AzdoException.Kind.UNREACHABLE, 0, null, null, what + ": unknown host " + host, e);
    }
    if (e instanceof ConnectException || e instanceof HttpConnectTimeoutException) {
      return new AzdoException(
          AzdoException.Kind.UNREACHABLE, 0, null, null, what + ": cannot connect to " + host, e);
    }
    if (e instanceof InterruptedIOException) {
      return new AzdoException(
          AzdoException.Kind.OTHER,
          0,
          null,
          null,
          what + ": interrupted or timed out talking to " + host,
          e);
    }
    String detail = redactor.redact(String.valueOf(e.getMessage()));
    return new AzdoException(
        AzdoException.Kind.UNREACHABLE,
        0,
        null,
        null,
        what + ": I/O error talking to " + host + ": " + detail,
        null);
  }

  JsonNode json(Response r) {
    if (r.body().length == 0) {
      return Json.MAPPER.createObjectNode();
    }
    try {
      return Json.MAPPER.readTree(r.body());
    } catch (IOException e) {
      throw unreadable(r);
    }
  }

  private static AzdoException unreadable(Response r) {
    return new AzdoException(
        AzdoException.Kind.PROTOCOL,
        r.status(),
        null,
        null,
        "unreadable JSON from " + r.request().uri().getHost() + " (HTTP " + r.status() + ")");
  }

  String api(String path) {
    return base + path + "?api-version=" + apiVersions().general();
  }

  private String rootPath() {
    String p = settings.orgUrl().getRawPath();
    return p == null ? "" : (p.endsWith("/") ? p.substring(0, p.length() - 1) : p);
  }

  private void pause(Duration d) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AzdoException(AzdoException.Kind.OTHER, 0, null, null, "interrupted while waiting");
    }
  }

  static int compareVersions(String a, String b) {
    String[] x = a.split("[.-]");
    String[] y = b.split("[.-]");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      try {
        int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
        if (c != 0) {
          return c;
        }
      } catch (NumberFormatException e) {
        return a.compareTo(b);
      }
    }
    return Integer.compare(x.length, y.length);
  }

  private static Credentials defaultCredentials(ConnectionSettings s) {
    return switch (s.auth()) {
      case PAT ->
          new PatCredentials(
              s.token().orElseThrow().reveal(), s.authScheme(), s.authHeader(), s.userName());
      case BEARER ->
          new PatCredentials(
              s.token().orElseThrow().reveal(),
              PatCredentials.Scheme.BEARER,
              s.authHeader(),
              s.userName());
      case OAUTH, ENTRA -> dev.azdo.client.auth.SignIn.credentialsFor(s);
    };
  }

  /** Configures an {@link AzdoClient}. */
  public static final class Builder {
    private final ConnectionSettings settings;
    private Credentials credentials;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    private Duration operationPollInterval = Duration.ofSeconds(1);
    private Interceptor transport;
    private javax.net.ssl.SSLContext sslContext;
    private final List<Interceptor> applicationInterceptors = new ArrayList<>();
    private final List<Interceptor> networkInterceptors = new ArrayList<>();

    private Builder(ConnectionSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Uses these credentials instead of the ones the settings describe. */
    public Builder credentials(Credentials credentials) {
      this.credentials = credentials;
      return this;
    }

    /** Uses this clock for Retry-After dates, pacing and timing (default: system UTC). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Uses this sleeper for backoff, pacing and polling (default: Thread.sleep). */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    /** Uses this source of [0,1) numbers for retry jitter. */
    public Builder random(DoubleSupplier random) {
      this.random = random;
      return this;
    }

    /** Sets how often long-running operations are polled (default 1 s). */
    public Builder operationPollInterval(Duration interval) {
      this.operationPollInterval = interval;
      return this;
    }

    /** Adds an interceptor that sees each call once, before retries. */
    public Builder addInterceptor(Interceptor interceptor) {
      applicationInterceptors.add(interceptor);
      return this;
    }

    /** Adds an interceptor that sees each network attempt, just before the transport. */
    public Builder addNetworkInterceptor(Interceptor interceptor) {
      networkInterceptors.add(interceptor);
      return this;
    }

    /** Trusts the certificates of this TLS context instead of the JVM's (a private CA). */
    public Builder sslContext(javax.net.ssl.SSLContext sslContext) {
      this.sslContext = sslContext;
      return this;
    }

    /** Replaces the java.net.http transport (the last interceptor). */
    public Builder transport(Interceptor transport) {
      this.transport = transport;
      return this;
    }

    /** Builds the client. */
    public AzdoClient build() {
      return new AzdoClient(this);
    }
  }
}
