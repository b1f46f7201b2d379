package dev.azdo.emulator.signin;

import dev.azdo.emulator.http.ApiRequest;
import dev.azdo.emulator.http.ApiResponse;
import dev.azdo.emulator.http.Json;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Small helpers for the sign-in endpoints: form bodies, redirects, pages and JSON answers. */
final class Forms {
  private Forms() {}

  /** The request's parameters: the query, overlaid by a form-encoded body (case-insensitive). */
  static Map<String, String> params(ApiRequest req) {
    Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    req.queryAll().forEach((k, v) -> out.put(k, v.isEmpty() ? "" : v.get(0)));
    String type = req.header("Content-Type");
    if (req.body().length > 0
        && (type == null || type.toLowerCase().startsWith("application/x-www-form-urlencoded"))) {
      for (String pair : req.bodyText().split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        out.put(k, v);
      }
    }
    return out;
  }

  /** Scopes as the clients send them: separated by spaces (or plus signs, already decoded). */
  static List<String> scopes(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    for (String s : text.trim().split("[\\s,]+")) {
      if (!s.isEmpty() && !out.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * Returns a sign-in result to the app: a 302 with the parameters in the query, or, for {@code
   * response_mode=form_post}, the page Entra sends that posts them to the redirect URI itself.
   */
  static ApiResponse back(String url, Map<String, String> params, String responseMode) {
    if (!"form_post".equals(responseMode)) {
      return redirect(url, params);
    }
    Map<String, String> present = new LinkedHashMap<>();
    params.forEach(
        (k, v) -> {
          if (v != null) {
            present.put(k, v);
          }
        });
    return html(
        200,
        "Working...",
        "<form method=\"POST\" name=\"hiddenform\" action=\""
            + escape(url)
            + "\">"
            + hidden(present, present.keySet().toArray(String[]::new))
            + "<noscript><p>Script is disabled. Click Submit to continue.</p>"
            + "<input type=\"submit\" value=\"Submit\" /></noscript></form>"
            + "<script language=\"javascript\">document.forms[0].submit();</script>");
  }

  /** A 302 to a URL with query parameters added. */
  static ApiResponse redirect(String url, Map<String, String> params) {
    StringBuilder b = new StringBuilder(url);
    char sep = url.contains("?") ? '&' : '?';
    for (Map.Entry<String, String> e : params.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      b.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
      sep = '&';
    }
    return ApiResponse.empty(302).header("Location", b.toString());
  }

  static Map<String, String> map(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  /** A JSON answer without the REST API's api-version content type, as sign-in servers send. */
  static ApiResponse json(int status, Object body) {
    return ApiResponse.raw(status, Json.bytes(body), "application/json; charset=utf-8")
        .header("Cache-Control", "no-store")
        .header("Pragma", "no-cache");
  }

  static ApiResponse html(int status, String title, String body) {
    return ApiResponse.text(
        status,
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>"
            + escape(title)
            + "</title></head><body>"
            + body
            + "</body></html>",
        "text/html; charset=utf-8");
  }

  static String escape(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  /** Hidden inputs that carry a request's parameters through the consent form. */
  static String hidden(Map<String, String> params, String... names) {
    StringBuilder b = new StringBuilder();
    for (String n : names) {
      String v = params.get(n);
      if (v != null) {
        b.append("<input type=\"hidden\" name=\"")
            .append(escape(n))
            .append("\" value=\"")
            .append(escape(v))
            .append("\">");
      }
    }
    return b.toString();
  }

  /** The server's root URL (scheme://host:port) from the organization URL handlers are given. */
  static String root(ApiRequest req) {
    URI u = URI.create(req.baseUrl());
    return u.getScheme() + "://" + u.getRawAuthority();
  }

  /** True when a redirect URL is registered; localhost ports are ignored, as Entra ignores them. */
  static boolean redirectAllowed(List<String> registered, String requested) {
    if (requested == null) {
      return false;
    }
    for (String r : registered) {
      if (r.equals(requested)) {
        return true;
      }
      try {
        URI a = URI.create(r);
        URI b = URI.create(requested);
        boolean local =
            a.getHost() != null
                && (a.getHost().equals("localhost") || a.getHost().equals("127.0.0.1"));
        if (local
            && a.getHost().equals(b.getHost())
            && a.getScheme().equals(b.getScheme())
            && a.getPath().equals(b.getPath())) {
          return true;
        }
      } catch (IllegalArgumentException e) {
        // not a URL (urn:ietf:wg:oauth:2.0:oob): only an exact match counts
      }
    }
    return false;
  }
}
