package dev.azdo.emulator.http;

import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.model.Identity;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves every request: organization check, authentication, routing, api-version negotiation, and
 * the service's error envelope for anything that goes wrong.
 */
public final class EmulatorHandler extends Handler.Abstract {
  private static final Pattern ACCEPT_VERSION =
      Pattern.compile("api-version\\s*=\\s*([^;,\\s]+)", Pattern.CASE_INSENSITIVE);

  private final EmulatorContext ctx;
  private final List<Authenticator> authenticators = new CopyOnWriteArrayList<>();
  private final Map<String, ApiHandler> rootHandlers = new LinkedHashMap<>();
  private final List<PathRoot> pathRoots = new CopyOnWriteArrayList<>();
  private volatile Interceptor interceptor;
  private volatile String baseUrl;

  /** Creates the handler; the default PAT authenticates as the directory's owner. */
  public EmulatorHandler(EmulatorContext ctx) {
    this.ctx = ctx;
    authenticators.add(
        (secret, bearer) -> ctx.config().pat().equals(secret) ? ctx.directory().owner() : null);
  }

  /** Adds a way to accept credentials (OAuth tokens, extra PATs). */
  public void addAuthenticator(Authenticator a) {
    authenticators.add(a);
  }

  /**
   * Serves a path outside the organization (for example "_emulator" or a tenant's sign-in), with no
   * authentication or api-version; the handler sees the path below that first segment.
   */
  public void root(String firstSegment, ApiHandler h) {
    rootHandlers.put(firstSegment.toLowerCase(Locale.ROOT), h);
  }

  /**
   * Serves paths outside the organization that a predicate recognises from their segments (for
   * example any tenant's "/{tenant}/oauth2/v2.0/..."); the handler sees the whole path. Checked
   * after the named roots, and never for paths below the organization.
   */
  public void root(Predicate<List<String>> matches, ApiHandler h) {
    pathRoots.add(new PathRoot(matches, h));
  }

  /** Installs the one interceptor that wraps every request (latency, throttling, faults, log). */
  public void interceptor(Interceptor i) {
    this.interceptor = i;
  }

  /** The identity a request's Authorization header names, or null; never throws. */
  public Identity identityOf(Map<String, String> headers) {
    try {
      return authenticate("OPTIONS", headers);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Sets the organization URL with a trailing slash, once the port is known. */
  public void baseUrl(String url) {
    this.baseUrl = url;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String method = request.getMethod().toUpperCase(Locale.ROOT);
    String rawPath = request.getHttpURI().getPath();
    List<String> segments = new ArrayList<>();
    for (String s : rawPath.split("/")) {
      if (!s.isEmpty()) {
        segments.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    Map<String, String> headers = new HashMap<>();
    for (HttpField f : request.getHeaders()) {
      headers.merge(f.getName(), f.getValue(), (a, b) -> a + ", " + b);
    }
    Map<String, List<String>> query = parseQuery(request.getHttpURI().getQuery());
    byte[] body = Content.Source.asInputStream(request).readAllBytes();
    Call call = new Call(method, rawPath, segments, headers, query, body, isOrganization(segments));
    Interceptor i = interceptor;
    ApiResponse answer;
    try {
      answer =
          i == null
              ? respond(method, segments, headers, query, body)
              : i.intercept(call, () -> respond(method, segments, headers, query, body));
    } catch (DropConnection drop) {
      // A reset connection, as a failing front end or a lost response looks to the client.
      request.getConnectionMetaData().getConnection().getEndPoint().close();
      callback.failed(new java.io.IOException("connection dropped by the emulator"));
      return true;
    }
    send(answer, session(headers), response, callback);
    return true;
  }

  private boolean isOrganization(List<String> segments) {
    return !segments.isEmpty()
        && !rootHandlers.containsKey(segments.get(0).toLowerCase(Locale.ROOT))
        && ctx.collectionDepth(segments) >= 0;
  }

  // Serves a request and turns every error into the service's answer for it.
  private ApiResponse respond(
      String method,
      List<String> segments,
      Map<String, String> headers,
      Map<String, List<String>> query,
      byte[] body) {
    ApiResponse answer;
    try {
      answer = serve(method, segments, headers, query, body);
      // Serialized here, so that a body that fails to render answers 500 as any other error.
      answer.bodyBytes();
    } catch (SignInPage e) {
      answer = ApiResponse.text(203, SIGN_IN_HTML, "text/html; charset=utf-8");
    } catch (ApiException e) {
      if (e.status() == 401 && "UnauthorizedRequestException".equals(e.typeKey())) {
        // The service's 401 for missing or wrong credentials has no JSON body (Microsoft's
        // Python client raises its authentication error only then); the reason is in headers.
        answer = ApiResponse.empty(401);
        e.headers().forEach(answer::header);
        return answer;
      }
      answer = ApiResponse.json(e.status(), e.envelope());
      e.headers().forEach(answer::header);
    } catch (DropConnection e) {
      throw e;
    } catch (RuntimeException e) {
      answer =
          ApiResponse.json(
              500,
              new ApiException(
                      500,
                      "InternalServerErrorException",
                      "TF400898: An Internal Error Occurred. Activity Id: " + UUID.randomUUID())
                  .envelope());
    }
    return answer;
  }

  private ApiResponse serve(
      String method,
      List<String> segments,
      Map<String, String> headers,
      Map<String, List<String>> query,
      byte[] body) {
    if (segments.isEmpty()) {
      throw ApiException.notFound("NotFoundException", "The resource cannot be found.");
    }
    ApiHandler root = rootHandlers.get(segments.get(0).toLowerCase(Locale.ROOT));
    if (root != null) {
      List<String> rest = segments.subList(1, segments.size());
      ApiRequest req =
          new ApiRequest(
              method, String.join("/", rest), Map.of(), query, headers, body, null, null, baseUrl);
      return toResponse(root.handle(req));
    }
    int depth = ctx.collectionDepth(segments);
    if (depth < 0) {
      for (PathRoot p : pathRoots) {
        if (p.matches().test(segments)) {
          ApiRequest req =
              new ApiRequest(
                  method,
                  String.join("/", segments),
                  Map.of(),
                  query,
                  headers,
                  body,
                  null,
                  null,
                  baseUrl);
          return toResponse(p.handler().handle(req));
        }
      }
      if (ctx.release().onPremises()) {
        // A Server answers a path outside its collections with its plain 404.
        throw ApiException.notFound("NotFoundException", "The resource cannot be found.");
      }
      throw ApiException.notFound(
          "AccountNotFoundException",
          "VS800075: The organization '" + segments.get(0) + "' could not be found.");
    }
    List<String> path = segments.subList(depth, segments.size());
    if (path.isEmpty() && method.equals("HEAD")) {
      // HEAD https://vssps.dev.azure.com/{org}: how Microsoft's MCP server finds the org's tenant.
      throw ApiException.notFound("NotFoundException", "The resource cannot be found.")
          .header("X-VSS-ResourceTenant", tenantId());
    }
    Identity caller = authenticate(method, headers);
    if (method.equals("OPTIONS")) {
      return options(path);
    }
    Route.Match match = ctx.router().find(path, method, this::available);
    if (match == null) {
      throw ApiException.notFound(
          "NotFoundException",
          "The controller for path '/"
              + String.join("/", ctx.collectionPath())
              + "/"
              + String.join("/", path)
              + "' was not found"
              + " or does not implement IController.");
    }
    ApiHandler h = match.route().handler(method);
    if (h == null) {
      throw new ApiException(
          405,
          "HttpMethodNotAllowedException",
          "The requested resource does not support http method '" + method + "'.");
    }
    ApiVersion version = negotiate(match.route(), method, query, headers);
    ApiRequest req =
        new ApiRequest(
            method,
            String.join("/", path),
            match.values(),
            query,
            headers,
            body,
            version,
            caller,
            baseUrl);
    return toResponse(h.handle(req)).servedAt(version);
  }

  private Identity authenticate(String method, Map<String, String> headers) {
    String auth = header(headers, "Authorization");
    Identity who = null;
    if (auth != null) {
      String a = auth.trim();
      if (a.regionMatches(true, 0, "Basic ", 0, 6)) {
        String decoded;
        try {
          decoded =
              new String(Base64.getDecoder().decode(a.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          decoded = "";
        }
        int colon = decoded.indexOf(':');
        who = identify(colon < 0 ? decoded : decoded.substring(colon + 1), false);
      } else if (a.regionMatches(true, 0, "Bearer ", 0, 7)) {
        who = identify(a.substring(7).trim(), true);
      }
    }
    if (who != null) {
      return who;
    }
    boolean suppress = "Suppress".equalsIgnoreCase(header(headers, "X-TFS-FedAuthRedirect"));
    boolean server = ctx.release().onPremises();
    if (!suppress && !server && (method.equals("GET") || method.equals("POST"))) {
      // The service answers browsers (and clients that did not opt out) with a sign-in page; a
      // Server has no sign-in page and challenges every client.
      throw new SignInPage();
    }
    String reason =
        auth == null
            ? "TF400813: Resource not available for anonymous access. Client authentication"
                + " required."
            : "TF400813: The user is not authorized to access this resource.";
    throw new ApiException(
            401,
            "UnauthorizedRequestException",
            "Microsoft.TeamFoundation.Framework.Server.UnauthorizedRequestException,"
                + " Microsoft.TeamFoundation.Framework.Server",
            reason)
        .header(
            "WWW-Authenticate",
            server
                // IIS in front of a Server offers Windows sign-in beside Basic for PATs.
                ? "Bearer, Negotiate, NTLM, Basic realm=\"" + baseUrl + "\""
                : "Bearer authorization_uri="
                    + baseUrl
                    + "_signin, Basic realm=\""
                    + baseUrl
                    + "\"")
        .header("X-TFS-ServiceError", java.net.URLEncoder.encode(reason, StandardCharsets.UTF_8));
  }

  /** The Entra tenant the organization belongs to, stable for an org name. */
  public String tenantId() {
    return UUID.nameUUIDFromBytes(("tenant:" + ctx.config().org()).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  private Identity identify(String secret, boolean bearer) {
    if (secret.isEmpty()) {
      return null;
    }
    for (Authenticator a : authenticators) {
      Identity i = a.authenticate(secret, bearer);
      if (i != null) {
        return i;
      }
    }
    return null;
  }

  private ApiResponse options(List<String> path) {
    // OPTIONS _apis or _apis/{area}: the resource locations Microsoft's clients route by.
    if (path.isEmpty() || !path.get(0).equalsIgnoreCase("_apis") || path.size() > 2) {
      throw ApiException.notFound("NotFoundException", "The resource cannot be found.");
    }
    List<com.fasterxml.jackson.databind.JsonNode> locations = new ArrayList<>();
    for (Route r : path.size() == 2 ? ctx.router().inArea(path.get(1)) : ctx.router().routes()) {
      if (!available(r)) {
        continue;
      }
      com.fasterxml.jackson.databind.node.ObjectNode location = r.location();
      if (ctx.release().onPremises()) {
        // A Server lists each location with the versions of its own release, which is how
        // Microsoft's clients negotiate down to it.
        location.put("maxVersion", capped(r.maxVersion()).number());
        if (r.releasedVersion().compareNumber(new ApiVersion(0, 0, false, 0)) > 0) {
          location.put("releasedVersion", capped(r.releasedVersion()).number());
        }
      }
      locations.add(location);
    }
    return ApiResponse.ok(Json.list(locations));
  }

  // A Server release has only the locations that shipped in or before its api-version.
  private boolean available(Route r) {
    return !ctx.release().onPremises() || r.since().compareNumber(ctx.release().maxVersion()) <= 0;
  }

  // A version capped at what the release serves (Services: unchanged below the service's max).
  private ApiVersion capped(ApiVersion v) {
    ApiVersion max = ctx.release().maxVersion();
    return v.compareNumber(max) > 0 ? max : v;
  }

  private ApiVersion negotiate(
      Route route, String method, Map<String, List<String>> query, Map<String, String> headers) {
    String text = null;
    for (Map.Entry<String, List<String>> e : query.entrySet()) {
      if (e.getKey().equalsIgnoreCase("api-version") && !e.getValue().isEmpty()) {
        text = e.getValue().get(0);
      }
    }
    if (text == null) {
      String accept = header(headers, "Accept");
      if (accept != null) {
        Matcher m = ACCEPT_VERSION.matcher(accept);
        if (m.find()) {
          text = m.group(1);
        }
      }
    }
    if (text == null || text.isBlank()) {
      if (method.equals("GET")) {
        // A GET without a version gets the newest released one, as the service does.
        return ctx.release().onPremises()
            ? capped(route.releasedVersion())
            : route.releasedVersion();
      }
      throw ApiException.badRequest(
          "VssVersionNotSpecifiedException",
          "No api-version was supplied for the \""
              + method
              + "\" request. The version must be supplied either as part of the Accept header"
              + " (e.g. \"application/json; api-version=1.0\") or as a query parameter (e.g."
              + " '?api-version=1.0').");
    }
    ApiVersion v = ApiVersion.parse(text);
    ApiVersion max = capped(route.maxVersion());
    if (v.compareNumber(ApiVersion.SERVER_MAX) > 0 || v.compareNumber(max) > 0) {
      throw ApiException.versionOutOfRange(v, max);
    }
    if (v.compareNumber(route.minVersion()) < 0) {
      throw ApiException.badRequest(
          "VssVersionOutOfRangeException",
          "The requested REST API version of "
              + v.number()
              + " is out of range for this resource. The lowest REST API version this resource"
              + " supports is "
              + route.minVersion().number()
              + ".");
    }
    if (!v.preview() && v.compareNumber(route.releasedVersion()) > 0) {
      throw ApiException.badRequest(
          "VssInvalidPreviewVersionException",
          "The requested version \""
              + v.number()
              + "\" of the resource is under preview. The -preview flag must be supplied in the"
              + " api-version for such requests. For example: \""
              + v.number()
              + "-preview\"");
    }
    return v;
  }

  private static String header(Map<String, String> headers, String name) {
    for (Map.Entry<String, String> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static ApiResponse toResponse(Object result) {
    if (result instanceof ApiResponse r) {
      return r;
    }
    if (result == null) {
      return ApiResponse.empty(204);
    }
    return ApiResponse.ok(result);
  }

  private static Map<String, List<String>> parseQuery(String q) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (q == null || q.isEmpty()) {
      return out;
    }
    for (String pair : q.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return out;
  }

  // The service echoes the client's session id (clients send one GUID for all their calls, the
  // web extension SDK as "{guid},{command}") and makes one up only when no GUID was sent.
  private static String session(Map<String, String> headers) {
    String sent = header(headers, "X-TFS-Session");
    if (sent != null) {
      String id = sent.split(",", 2)[0].trim();
      try {
        UUID.fromString(id);
        return id;
      } catch (IllegalArgumentException notAGuid) {
        // falls through to a new one
      }
    }
    return UUID.randomUUID().toString();
  }

  private void send(ApiResponse answer, String session, Response response, Callback callback) {
    response.setStatus(answer.status());
    response.getHeaders().put("ActivityId", UUID.randomUUID().toString());
    response.getHeaders().put("X-TFS-Session", session);
    response.getHeaders().put("X-VSS-E2EID", UUID.randomUUID().toString());
    answer.headers().forEach((k, v) -> response.getHeaders().put(k, v));
    byte[] bytes = answer.bodyBytes();
    if (answer.contentType() != null && bytes.length > 0) {
      response.getHeaders().put("Content-Type", answer.contentType());
    }
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }

  private static final String SIGN_IN_HTML =
      "<!DOCTYPE html><html><head><title>Azure DevOps Services | Sign In</title></head>"
          + "<body><form id=\"signin\" method=\"get\" action=\"_signin\">"
          + "<p>Sign in to continue to Azure DevOps</p></form></body></html>";

  private record PathRoot(Predicate<List<String>> matches, ApiHandler handler) {}

  /** Wraps the serving of every request; the realism module installs one. */
  @FunctionalInterface
  public interface Interceptor {
    /**
     * Answers a call, usually by asking {@code next} for the real answer; throws {@link
     * DropConnection} to reset the connection instead of answering.
     */
    ApiResponse intercept(Call call, Supplier<ApiResponse> next);
  }

  /** Thrown by an interceptor to close the connection without a response. */
  public static final class DropConnection extends RuntimeException {
    /** Creates the signal. */
    public DropConnection() {
      super("connection dropped", null, false, false);
    }
  }

  /** One incoming request as an interceptor sees it, before routing. */
  public final class Call {
    private final String method;
    private final String path;
    private final List<String> segments;
    private final Map<String, String> headers;
    private final Map<String, List<String>> query;
    private final byte[] body;
    private final boolean organization;
    private Identity caller;
    private boolean identified;

    Call(
        String method,
        String path,
        List<String> segments,
        Map<String, String> headers,
        Map<String, List<String>> query,
        byte[] body,
        boolean organization) {
      this.method = method;
      this.path = path;
      this.segments = List.copyOf(segments);
      this.headers = headers;
      this.query = query;
      this.body = body;
      this.organization = organization;
    }

    /** Upper-case method name. */
    public String method() {
      return method;
    }

    /** The raw path, starting with a slash. */
    public String path() {
      return path;
    }

    /** The decoded path segments. */
    public List<String> segments() {
      return segments;
    }

    /** A header by name (case-insensitive), or null. */
    public String header(String name) {
      return EmulatorHandler.header(headers, name);
    }

    /** The first value of a query parameter (case-insensitive), or null. */
    public String query(String name) {
      for (Map.Entry<String, List<String>> e : query.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
          return e.getValue().get(0);
        }
      }
      return null;
    }

    /** The request body. */
    public byte[] body() {
      return body;
    }

    /** True for calls below the organization (the REST API), false for roots like _emulator. */
    public boolean organization() {
      return organization;
    }

    /** The authenticated caller, or null when the credentials are missing or wrong. */
    public Identity caller() {
      if (!identified) {
        caller = identityOf(headers);
        identified = true;
      }
      return caller;
    }
  }

  /** Signals the 203 sign-in page the service shows clients that did not suppress it. */
  private static final class SignInPage extends RuntimeException {
    SignInPage() {
      super("sign in", null, false, false);
    }
  }
}
