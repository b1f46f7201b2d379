package dev.azdo.client;

import dev.azdo.client.http.Redactor;
import dev.azdo.client.http.Request;
import dev.azdo.client.http.Response;
import dev.azdo.client.http.TrustedHosts;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;

/**
 * Turns the service's error answers and transport failures into one-line {@link AzdoException}s.
 */
final class ResponseErrors {
  private final ConnectionSettings settings;
  private final Redactor redactor;
  private final TrustedHosts trustedHosts;

  ResponseErrors(ConnectionSettings settings, Redactor redactor, TrustedHosts trustedHosts) {
    this.settings = settings;
    this.redactor = redactor;
    this.trustedHosts = trustedHosts;
  }

  /** Throws the {@link AzdoException} an answer means, or returns when it is a usable one. */
  void check(Response r, String what) {
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

  /** Maps a transport failure to one line naming the host, with secrets redacted. */
  AzdoException ioFailure(IOException e, Request request, String what) {
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

  /** The error for an answer whose body is not the JSON it should be. */
  static AzdoException unreadable(Response r) {
    return new AzdoException(
        AzdoException.Kind.PROTOCOL,
        r.status(),
        null,
        null,
        "unreadable JSON from " + r.request().uri().getHost() + " (HTTP " + r.status() + ")");
  }
}
