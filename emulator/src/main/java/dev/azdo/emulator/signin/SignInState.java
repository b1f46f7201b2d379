package dev.azdo.emulator.signin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.model.Identity;
import dev.azdo.emulator.signin.SignInRecords.AuthCode;
import dev.azdo.emulator.signin.SignInRecords.DeviceGrant;
import dev.azdo.emulator.signin.SignInRecords.IssuedToken;
import dev.azdo.emulator.signin.SignInRecords.Settings;
import dev.azdo.emulator.store.Table;
import dev.azdo.emulator.store.TableKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Registered apps, codes and tokens, all in the store's tables; issues JWT-shaped tokens and
 * recognises them (only their SHA-256 is stored, never the token text).
 */
final class SignInState {
  private static final TableKey<OAuthApp> OAUTH_APPS = new TableKey<>("oauthApps", OAuthApp.class);
  private static final TableKey<Settings> OAUTH_SETTINGS =
      new TableKey<>("oauthSettings", Settings.class);
  private static final TableKey<AuthCode> OAUTH_CODES =
      new TableKey<>("oauthCodes", AuthCode.class);
  private static final TableKey<IssuedToken> OAUTH_TOKENS =
      new TableKey<>("oauthTokens", IssuedToken.class);
  private static final TableKey<DeviceGrant> OAUTH_DEVICE_CODES =
      new TableKey<>("oauthDeviceCodes", DeviceGrant.class);

  static final String SETTINGS_KEY = "settings";

  private static final SecureRandom RANDOM = new SecureRandom();

  final EmulatorContext ctx;
  final Table<OAuthApp> apps;
  final Table<Settings> settings;
  final Table<AuthCode> codes;
  final Table<IssuedToken> tokens;
  final Table<DeviceGrant> devices;
  private final byte[] signingKey;

  SignInState(EmulatorContext ctx) {
    this.ctx = ctx;
    this.apps = ctx.store().table(OAUTH_APPS);
    this.settings = ctx.store().table(OAUTH_SETTINGS);
    this.codes = ctx.store().table(OAUTH_CODES);
    this.tokens = ctx.store().table(OAUTH_TOKENS);
    this.devices = ctx.store().table(OAUTH_DEVICE_CODES);
    this.signingKey = sha256Bytes("emulator-signing:" + ctx.instanceId());
  }

  Settings settings() {
    Settings s = settings.get(SETTINGS_KEY);
    // Entra and the legacy service both issue access tokens for about an hour.
    return s != null ? s : new Settings(false, 3600, 90 * 24 * 3600);
  }

  long now() {
    return ctx.clock().millis();
  }

  /** The app with this client id (case-insensitive, as GUIDs are), or null. */
  OAuthApp app(String clientId) {
    if (clientId == null) {
      return null;
    }
    for (OAuthApp a : apps.values()) {
      if (a.clientId().equalsIgnoreCase(clientId.trim())) {
        return a;
      }
    }
    return null;
  }

  /** The tenant id the emulator's directory answers with. */
  String tenantId() {
    return ctx.handler().tenantId();
  }

  /** The identity a client-credentials token acts as: the app's service principal. */
  static Identity servicePrincipal(OAuthApp app) {
    String id =
        UUID.nameUUIDFromBytes(("sp:" + app.clientId()).getBytes(StandardCharsets.UTF_8))
            .toString();
    String descriptor =
        "aadsp."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(id.getBytes(StandardCharsets.UTF_8));
    return new Identity(id, app.name(), app.clientId(), descriptor);
  }

  /** The identity a token's subject names: a directory user or an app's service principal. */
  Identity subject(IssuedToken t) {
    Identity user = ctx.directory().byId(t.subjectId());
    if (user != null) {
      return user;
    }
    OAuthApp app = app(t.clientId());
    return app == null ? null : servicePrincipal(app);
  }

  /** The identity an access token belongs to, or null when unknown or expired. */
  Identity authenticate(String token) {
    IssuedToken t = tokens.get(sha256(token));
    if (t == null || !t.kind().equals("access") || t.expiresAtMillis() <= now()) {
      return null;
    }
    return subject(t);
  }

  /** A fresh random secret (codes, refresh tokens, device codes). */
  static String secret(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Issues a token and records its hash; expiresIn is in seconds. */
  String issue(
      String kind,
      String flavor,
      OAuthApp app,
      Identity subject,
      List<String> scopes,
      long expiresInSeconds,
      String audience) {
    long now = now();
    String text;
    if (kind.equals("access")) {
      ObjectNode claims = Json.object();
      claims.put("aud", audience);
      claims.put(
          "iss",
          flavor.equals("entra")
              ? "https://sts.windows.net/" + tenantId() + "/"
              : "app.vstoken.visualstudio.com");
      claims.put("iat", now / 1000);
      claims.put("nbf", now / 1000);
      claims.put("exp", now / 1000 + expiresInSeconds);
      claims.put("appid", app.clientId());
      claims.put("oid", subject.id());
      claims.put("tid", tenantId());
      claims.put("name", subject.displayName());
      claims.put("upn", subject.uniqueName());
      claims.put("scp", String.join(" ", scopes));
      claims.put("jti", UUID.randomUUID().toString());
      text = jwt(claims);
    } else {
      text = secret(48);
    }
    String hash = sha256(text);
    IssuedToken t =
        new IssuedToken(
            hash,
            kind,
            flavor,
            app.clientId(),
            subject.id(),
            List.copyOf(scopes),
            now + expiresInSeconds * 1000);
    ctx.store().run(tx -> tx.put(tokens, hash, t));
    return text;
  }

  /** A signed JWT (HS256 with the emulator's key) carrying these claims. */
  String jwt(ObjectNode claims) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header =
        b64.encodeToString(
            "{\"typ\":\"JWT\",\"alg\":\"HS256\",\"kid\":\"emulator\"}"
                .getBytes(StandardCharsets.UTF_8));
    String payload = b64.encodeToString(Json.bytes(claims));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
      byte[] sig = mac.doFinal((header + "." + payload).getBytes(StandardCharsets.UTF_8));
      return header + "." + payload + "." + b64.encodeToString(sig);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(String text) {
    return HexFormat.of().formatHex(sha256Bytes(text));
  }

  private static byte[] sha256Bytes(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** PKCE: does the verifier match the challenge (S256 or plain)? */
  static boolean pkceMatches(String challenge, String method, String verifier) {
    if (challenge == null || challenge.isEmpty()) {
      return true;
    }
    if (verifier == null) {
      return false;
    }
    if (method == null || method.equalsIgnoreCase("plain")) {
      return challenge.equals(verifier);
    }
    String s256 = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256Bytes(verifier));
    return challenge.equals(s256);
  }
}
