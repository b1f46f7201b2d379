package dev.azdo.client.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs requests and responses (DEBUG: lines and headers, TRACE: bodies) with secrets masked. */
public final class LoggingInterceptor implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger("dev.azdo.client.http.wire");
  // Work item batches can be megabytes; the head is enough to diagnose a failure.
  private static final int MAX_BODY_CHARS = 4000;

  private final Redactor redactor;
  private final Clock clock;

  /** Creates the interceptor using the given redactor. */
  public LoggingInterceptor(Redactor redactor, Clock clock) {
    this.redactor = redactor;
    this.clock = clock;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    // The masked URL only when something is logged: masking it on every call of an export was
    // ~6% of a call's time in the client (a profile of a 20,000-item export).
    boolean debug = LOG.isDebugEnabled();
    String url = debug ? url(request) : null;
    if (debug) {
      LOG.debug("--> {} {}{}", request.method(), url, headers(request.headers()));
    }
    if (LOG.isTraceEnabled() && request.body() != null) {
      LOG.trace("--> body {}", body(request.body()));
    }
    Instant start = clock.instant();
    Response response;
    try {
      response = chain.proceed(request);
    } catch (IOException e) {
      if (debug) {
        LOG.debug(
            "<-- {} {} failed: {}",
            request.method(),
            url,
            redactor.redact(String.valueOf(e.getMessage())));
      }
      throw e;
    }
    if (debug) {
      LOG.debug(
          "<-- {} {} {} ({} ms){}",
          response.status(),
          request.method(),
          url,
          Duration.between(start, clock.instant()).toMillis(),
          headers(response.headers()));
    }
    if (LOG.isTraceEnabled() && response.body().length > 0) {
      LOG.trace("<-- body {}", body(response.body()));
    }
    return response;
  }

  private String url(Request request) {
    return redactor.redact(Redactor.redactUrl(request.uri().toString()));
  }

  private String headers(Map<String, List<String>> headers) {
    StringBuilder sb = new StringBuilder();
    headers.forEach(
        (name, values) -> {
          for (String v : values) {
            sb.append("\n    ").append(name).append(": ").append(redactor.redactHeader(name, v));
          }
        });
    return sb.toString();
  }

  private String body(byte[] body) {
    // Redact before truncating so a secret cut in half cannot slip through.
    String text = redactor.redact(new String(body, StandardCharsets.UTF_8));
    if (text.length() > MAX_BODY_CHARS) {
      text = text.substring(0, MAX_BODY_CHARS) + "...(" + body.length + " bytes)";
    }
    return text;
  }
}
