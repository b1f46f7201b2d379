package dev.azdo.client;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Typed calls to the Azure DevOps REST API over the interceptor pipeline; thread-safe. */
public final class AzdoClient implements AutoCloseable {
  /** Product name sent in the User-Agent. */
  public static final String PRODUCT = "azdo-connector-java";

  /** Most ids one work items GET or $batch call accepts (VS403474 beyond). */
  public static final int MAX_IDS_PER_CALL = 200;

  /** Most results one WIQL query returns before failing with VS402337. */
  public static final int WIQL_RESULT_CAP = 20_000;

  /** api-version of the comments API, still preview in 7.1. */
  public static final String COMMENTS_API_VERSION = "7.1-preview.4";

  static final String JSON_TYPE = "application/json";

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
  private final ResponseErrors errors;
  private final ProjectOperations projects = new ProjectOperations(this);
  private final TeamOperations teams = new TeamOperations(this);
  private final ClassificationNodes nodes = new ClassificationNodes(this);
  private final WorkItemTypeFields typeFields = new WorkItemTypeFields(this);
  private final WorkItemComments comments = new WorkItemComments(this);
  private final WorkItemOperations workItems = new WorkItemOperations(this);
  // The transport this client built (null when the builder was given one): close() stops it.
  private final TransportInterceptor ownTransport;
  private volatile ApiVersions versions;

  AzdoClient(AzdoClientBuilder b) {
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
    this.errors = new ResponseErrors(settings, redactor, trustedHosts);
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
    this.ownTransport =
        b.transport != null
            ? null
            : new TransportInterceptor(
                settings.connectTimeout(), settings.requestTimeout(), b.sslContext);
    chain.add(b.transport != null ? b.transport : ownTransport);
    this.pipeline = new HttpPipeline(chain);
  }

  /** Creates a client with real time and the credentials the settings describe. */
  public static AzdoClient create(ConnectionSettings settings) {
    return builder(settings).build();
  }

  /** Starts a builder for tests or custom credentials, clocks and interceptors. */
  public static AzdoClientBuilder builder(ConnectionSettings settings) {
    return new AzdoClientBuilder(settings);
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

  /**
   * Stops the HTTP client's threads and drops its connections (a given transport is the giver's to
   * close); a call after this opens new ones. A short command that ends without it exits about 0.3
   * s later (TransportInterceptor).
   */
  @Override
  public void close() {
    if (ownTransport != null) {
      ownTransport.close();
    }
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
      if (v != null && !v.startsWith("0.") && (best == null || ApiVersions.compare(v, best) > 0)) {
        best = v;
      }
    }
    return Optional.ofNullable(best);
  }

  // ---------------------------------------------------------------- projects

  /** Lists one page of projects; pass the previous page's token or null for the first. */
  public Page<Project> listProjects(String continuationToken, int top) {
    return projects.listProjects(continuationToken, top);
  }

  /** Lists every project, following continuation tokens. */
  public List<Project> listAllProjects() {
    return projects.listAllProjects();
  }

  /** Returns a project by name or id. */
  public Project getProject(String nameOrId) {
    return projects.getProject(nameOrId);
  }

  /** Queues project creation, waits for the operation and returns the new project. */
  public Project createProject(
      String name, String description, String processTemplateId, String visibility) {
    return projects.createProject(name, description, processTemplateId, visibility);
  }

  /** Updates a project's name or description and waits for the operation. */
  public Operation updateProject(String projectId, String newName, String newDescription) {
    return projects.updateProject(projectId, newName, newDescription);
  }

  /** Deletes a project (by id) and waits for the operation. */
  public Operation deleteProject(String projectId) {
    return projects.deleteProject(projectId);
  }

  /** Returns the current state of a long-running operation. */
  public Operation getOperation(String operationId) {
    return projects.getOperation(operationId);
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
    return teams.listTeams(project);
  }

  /** Creates a team in a project. */
  public Team createTeam(String project, String name, String description) {
    return teams.createTeam(project, name, description);
  }

  /** Renames a team or changes its description (null keeps a value). */
  public Team updateTeam(String project, String team, String newName, String newDescription) {
    return teams.updateTeam(project, team, newName, newDescription);
  }

  /** Deletes a team. */
  public void deleteTeam(String project, String team) {
    teams.deleteTeam(project, team);
  }

  // ---------------------------------------------------------------- types and fields

  /** Lists the work item types of a project. */
  public List<WorkItemType> listWorkItemTypes(String project) {
    return typeFields.listWorkItemTypes(project);
  }

  /**
   * Returns the fields of a work item type with data types and picklists, cached per project and
   * type.
   */
  public List<WorkItemField> listFields(String project, String type) {
    return typeFields.listFields(project, type);
  }

  /** Forgets cached fields, e.g. after a process change. */
  public void clearFieldCache() {
    typeFields.clearCache();
  }

  // ---------------------------------------------------------------- work items

  /** Returns one work item with relations. */
  public WorkItem getWorkItem(int id) {
    return workItems.get(id);
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
    return workItems.create(project, type, patch, options);
  }

  /** Updates a work item. */
  public WorkItem updateWorkItem(int id, WorkItemPatch patch, WriteOptions options) {
    return workItems.update(id, patch, options);
  }

  /** Deletes a work item to the recycle bin, or for good when destroy is true. */
  public void deleteWorkItem(int id, boolean destroy) {
    workItems.delete(id, destroy);
  }

  /** Returns a batch item that creates a work item, for {@link #batch}. */
  public BatchRequest createRequest(
      String project, String type, WorkItemPatch patch, WriteOptions options) {
    return workItems.createRequest(project, type, patch.toJson(), options);
  }

  /**
   * Returns a batch item that creates a work item from a JSON Patch document given as any JSON node
   * (such as a POJONode that writes itself), for {@link #batch}.
   */
  public BatchRequest createRequest(
      String project, String type, JsonNode patch, WriteOptions options) {
    return workItems.createRequest(project, type, patch, options);
  }

  /** Returns a batch item that updates a work item, for {@link #batch}. */
  public BatchRequest updateRequest(int id, WorkItemPatch patch, WriteOptions options) {
    return workItems.updateRequest(id, patch.toJson(), options);
  }

  /** Returns a batch item that updates a work item from a JSON Patch document as any JSON node. */
  public BatchRequest updateRequest(int id, JsonNode patch, WriteOptions options) {
    return workItems.updateRequest(id, patch, options);
  }

  /**
   * Returns exactly the bytes {@link #batch} sends for these requests, so a dry run can show what a
   * real run would send.
   */
  public byte[] batchBody(List<BatchRequest> requests) {
    return BatchCodec.body(requests);
  }

  /** Sends up to 200 requests in one {@code $batch} call; items succeed or fail one by one. */
  public List<BatchResult> batch(List<BatchRequest> requests) {
    return workItems.batch(requests);
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
    return comments.list(project, workItemId, continuationToken);
  }

  /** Adds a comment (HTML or plain text) to a work item. */
  public Comment addComment(String project, int workItemId, String text) {
    return comments.add(project, workItemId, text);
  }

  // ---------------------------------------------------------------- classification nodes

  /**
   * Returns an area or iteration node (path null for the root) with children to the given depth.
   */
  public ClassificationNode getNode(
      String project, ClassificationNode.Group group, String path, int depth) {
    return nodes.getNode(project, group, path, depth);
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
    return nodes.createNode(project, group, parentPath, name, attributes);
  }

  /** Deletes an area or iteration, moving its work items to the node with reclassifyId. */
  public void deleteNode(
      String project, ClassificationNode.Group group, String path, int reclassifyId) {
    nodes.deleteNode(project, group, path, reclassifyId);
  }

  // ---------------------------------------------------------------- attachments

  /** Uploads a file; link it with {@link WorkItemPatch#addAttachment}. */
  public AttachmentReference uploadAttachment(String project, String fileName, byte[] content) {
    return workItems.uploadAttachment(project, fileName, content);
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

  /** Sends a request that counts as several operations (a $batch) against the rate budget. */
  Response send(
      String method,
      String url,
      Object body,
      String contentType,
      boolean idempotent,
      String what,
      int operations) {
    try {
      return sendOnce(method, url, body, contentType, idempotent, what, operations);
    } catch (AzdoException e) {
      String again = withServerVersion(url, e);
      if (again == null) {
        throw e;
      }
      return sendOnce(method, again, body, contentType, idempotent, what, operations);
    }
  }

  // A call sent with the configured api-version before anything was negotiated (see api) that
  // the server refuses as newer than its own (400 VssVersionOutOfRangeException, before it does
  // anything) is sent again with the version negotiated now; null when that would not change it.
  private String withServerVersion(String url, AzdoException e) {
    if (!"VssVersionOutOfRangeException".equals(e.typeKey()) || !settings.negotiateApiVersion()) {
      return null;
    }
    String sent = "api-version=" + settings.apiVersion();
    int at = url.indexOf(sent);
    int end = at + sent.length();
    if (at < 0 || (end < url.length() && url.charAt(end) != '&')) {
      return null;
    }
    String server = apiVersions().general();
    return server.equals(settings.apiVersion())
        ? null
        : url.substring(0, at) + "api-version=" + server + url.substring(end);
  }

  private Response sendOnce(
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
      throw errors.ioFailure(e, request, what);
    }
    errors.check(response, what);
    return response;
  }

  JsonNode json(Response r) {
    if (r.body().length == 0) {
      return Json.MAPPER.createObjectNode();
    }
    try {
      return Json.MAPPER.readTree(r.body());
    } catch (IOException e) {
      throw ResponseErrors.unreadable(r);
    }
  }

  String base() {
    return base;
  }

  String api(String path) {
    // Until something needs the server's versions (comments, $batch, a connection test), calls go
    // out with the configured one and a server that has not released it is asked then (send):
    // against Services, which has, that is a round trip less before the first call.
    ApiVersions v = versions;
    return base + path + "?api-version=" + (v != null ? v.general() : settings.apiVersion());
  }

  String rootPath() {
    String p = settings.orgUrl().getRawPath();
    return p == null ? "" : (p.endsWith("/") ? p.substring(0, p.length() - 1) : p);
  }

  Clock clock() {
    return clock;
  }

  Duration operationPollInterval() {
    return operationPollInterval;
  }

  void pause(Duration d) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AzdoException(AzdoException.Kind.OTHER, 0, null, null, "interrupted while waiting");
    }
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
}
