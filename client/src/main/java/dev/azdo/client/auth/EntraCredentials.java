package dev.azdo.client.auth;

import com.microsoft.aad.msal4j.AbstractClientApplicationBase;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.DeviceCodeFlowParameters;
import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.ITokenCacheAccessAspect;
import com.microsoft.aad.msal4j.ITokenCacheAccessContext;
import com.microsoft.aad.msal4j.InteractiveRequestParameters;
import com.microsoft.aad.msal4j.ManagedIdentityApplication;
import com.microsoft.aad.msal4j.ManagedIdentityId;
import com.microsoft.aad.msal4j.ManagedIdentityParameters;
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.microsoft.aad.msal4j.SilentParameters;
import com.microsoft.aad.msal4j.SystemBrowserOptions;
import dev.azdo.client.AuthenticationException;
import dev.azdo.client.ConnectionSettings;
import dev.azdo.client.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/** Signs in with Microsoft Entra ID through MSAL4J and sends the access token as Bearer. */
public final class EntraCredentials implements Credentials {
  /** The Azure DevOps resource scope every Entra token must be issued for. */
  public static final String AZURE_DEVOPS_SCOPE = "499b84ac-1321-427f-aa17-267ca6975798/.default";

  /** The Azure DevOps resource id, for managed identity. */
  public static final String AZURE_DEVOPS_RESOURCE = "499b84ac-1321-427f-aa17-267ca6975798";

  private static final Duration EARLY = Duration.ofMinutes(5);

  /** Obtains an access token for Azure DevOps; MSAL4J by default, replaceable in tests. */
  @FunctionalInterface
  public interface TokenSource {
    /** Returns a token, bypassing any cache when forceRefresh is true. */
    AccessToken acquire(boolean forceRefresh) throws IOException;
  }

  /**
   * An access token and its expiry.
   *
   * @param token the token
   * @param expiresAt when it expires
   */
  public record AccessToken(Secret token, Instant expiresAt) {}

  /**
   * How the user-facing flows reach the user and where their tokens are kept.
   *
   * @param deviceCodeMessage receives the device code prompt (the page and the code to enter)
   * @param browser receives the interactive sign-in URL; null opens the system browser (MSAL)
   * @param tokenCache owner-only file keeping MSAL's token cache (refresh tokens), or null to keep
   *     tokens in memory only
   * @param timeout how long the interactive flow waits for the browser to come back
   */
  public record Prompts(
      Consumer<String> deviceCodeMessage,
      Consumer<URI> browser,
      Path tokenCache,
      Duration timeout) {

    /** Prompts that print the device code message and open the system browser, nothing saved. */
    public static Prompts of(Consumer<String> deviceCodeMessage) {
      return new Prompts(deviceCodeMessage, null, null, Duration.ofMinutes(2));
    }
  }

  private final TokenSource source;
  private final String description;
  private final Clock clock;
  private AccessToken current;

  /** Creates MSAL4J-backed credentials; deviceCodeMessage receives the device code prompt. */
  public EntraCredentials(
      ConnectionSettings settings, Consumer<String> deviceCodeMessage, Clock clock) {
    this(settings, deviceCodeMessage, clock, null);
  }

  /**
   * Like the three-argument constructor, sending MSAL's HTTP calls through httpClient (proxies).
   */
  public EntraCredentials(
      ConnectionSettings settings,
      Consumer<String> deviceCodeMessage,
      Clock clock,
      IHttpClient httpClient) {
    this(settings, Prompts.of(deviceCodeMessage), clock, httpClient);
  }

  /** Creates MSAL4J-backed credentials with the given prompts and (nullable) MSAL HTTP client. */
  public EntraCredentials(
      ConnectionSettings settings, Prompts prompts, Clock clock, IHttpClient httpClient) {
    this(
        new MsalTokenSource(settings, prompts, httpClient),
        "Entra ID (" + settings.entraFlow() + ")",
        clock);
  }

  /** Creates credentials over any token source. */
  public EntraCredentials(TokenSource source, String description, Clock clock) {
    this.source = source;
    this.description = description;
    this.clock = clock;
  }

  @Override
  public synchronized String headerValue() throws IOException {
    // Renew a little early so a token never expires between this check and the call.
    if (current == null || !current.expiresAt().isAfter(clock.instant().plus(EARLY))) {
      current = source.acquire(false);
    }
    return "Bearer " + current.token().reveal();
  }

  @Override
  public synchronized boolean refreshAfterUnauthorized() throws IOException {
    current = source.acquire(true);
    return true;
  }

  @Override
  public String describe() {
    return description;
  }

  /**
   * Signs in anew with the configured flow, ignoring saved accounts (azdo token generate), and
   * keeps the token for later calls.
   */
  public synchronized AccessToken signIn() throws IOException {
    current = source instanceof MsalTokenSource msal ? msal.signIn() : source.acquire(true);
    return current;
  }

  /** Keeps MSAL's serialized token cache in an owner-only file between runs. */
  private static final class FileTokenCache implements ITokenCacheAccessAspect {
    private final Path file;

    FileTokenCache(Path file) {
      this.file = file;
    }

    @Override
    public void beforeCacheAccess(ITokenCacheAccessContext ctx) {
      if (Files.exists(file)) {
        String cache = TokenFile.readObject(file).toString();
        try {
          ctx.tokenCache().deserialize(cache);
        } catch (RuntimeException e) {
          // MSAL's message may quote the cache, refresh tokens included.
          throw TokenFile.damaged(file, "not a token cache: expected MSAL's JSON token cache");
        }
      }
    }

    @Override
    public void afterCacheAccess(ITokenCacheAccessContext ctx) {
      if (ctx.hasCacheChanged()) {
        OwnerOnlyFile.write(file, ctx.tokenCache().serialize().getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private static URI toUri(java.net.URL url) {
    try {
      return url.toURI();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("sign-in URL is not a URI", e);
    }
  }

  /** Acquires tokens with MSAL4J for the configured flow, keeping MSAL's in-memory cache. */
  private static final class MsalTokenSource implements TokenSource {
    private final ConnectionSettings settings;
    private final Prompts prompts;
    private PublicClientApplication publicApp;
    private ConfidentialClientApplication confidentialApp;
    private ManagedIdentityApplication managedApp;

    private final IHttpClient httpClient;

    MsalTokenSource(ConnectionSettings settings, Prompts prompts, IHttpClient httpClient) {
      this.settings = settings;
      this.prompts = prompts;
      this.httpClient = httpClient;
    }

    private <T extends AbstractClientApplicationBase.Builder<T>> T configure(T b)
        throws java.net.MalformedURLException {
      String authority = settings.entraAuthority() + "/" + settings.entraTenant() + "/";
      b.authority(authority);
      // MSAL only knows Microsoft's login.* clouds; other authorities skip instance discovery.
      if (!URI.create(authority).getHost().startsWith("login.")) {
        b.instanceDiscovery(false);
      }
      if (httpClient != null) {
        b.httpClient(httpClient);
      }
      return b;
    }

    @Override
    public AccessToken acquire(boolean force) throws IOException {
      return token(acquireResult(force, true));
    }

    /** Prompts the user (interactive or device code) without trying saved accounts first. */
    AccessToken signIn() throws IOException {
      String flow = settings.entraFlow();
      if (!flow.equals("interactive") && !flow.equals("device-code")) {
        throw new AuthenticationException(
            0,
            null,
            null,
            "entra-flow=" + flow + " needs no sign-in; its tokens are acquired on each run");
      }
      return token(acquireResult(true, false));
    }

    private static AccessToken token(IAuthenticationResult r) {
      return new AccessToken(
          Secret.of(r.accessToken()), Instant.ofEpochMilli(r.expiresOnDate().getTime()));
    }

    private IAuthenticationResult acquireResult(boolean force, boolean silentFirst)
        throws IOException {
      Set<String> scopes = Set.of(AZURE_DEVOPS_SCOPE);
      try {
        switch (settings.entraFlow()) {
          case "managed-identity" -> {
            if (managedApp == null) {
              ManagedIdentityId id =
                  settings
                      .entraClientId()
                      .map(ManagedIdentityId::userAssignedClientId)
                      .orElse(ManagedIdentityId.systemAssigned());
              ManagedIdentityApplication.Builder b = ManagedIdentityApplication.builder(id);
              if (httpClient != null) {
                b.httpClient(httpClient);
              }
              managedApp = b.build();
            }
            return managedApp
                .acquireTokenForManagedIdentity(
                    ManagedIdentityParameters.builder(AZURE_DEVOPS_RESOURCE)
                        .forceRefresh(force)
                        .build())
                .get();
          }
          case "client-credentials" -> {
            if (confidentialApp == null) {
              confidentialApp =
                  configure(
                          ConfidentialClientApplication.builder(
                              settings.entraClientId().orElseThrow(),
                              ClientCredentialFactory.createFromSecret(
                                  settings.entraClientSecret().orElseThrow().reveal())))
                      .build();
            }
            return confidentialApp
                .acquireToken(ClientCredentialParameters.builder(scopes).skipCache(force).build())
                .get();
          }
          default -> {
            if (publicApp == null) {
              PublicClientApplication.Builder b =
                  configure(
                      PublicClientApplication.builder(settings.entraClientId().orElseThrow()));
              if (prompts.tokenCache() != null) {
                b.setTokenCacheAccessAspect(new FileTokenCache(prompts.tokenCache()));
              }
              publicApp = b.build();
            }
            // Use the cached account's refresh token first; only prompt when that fails.
            for (IAccount account :
                silentFirst ? publicApp.getAccounts().get() : Set.<IAccount>of()) {
              try {
                return publicApp
                    .acquireTokenSilently(
                        SilentParameters.builder(scopes, account).forceRefresh(force).build())
                    .get();
              } catch (ExecutionException silentFailed) {
                break;
              }
            }
            if ("device-code".equals(settings.entraFlow())) {
              return publicApp
                  .acquireToken(
                      DeviceCodeFlowParameters.builder(
                              scopes, code -> prompts.deviceCodeMessage().accept(code.message()))
                          .build())
                  .get();
            }
            // Interactive sign-in: MSAL listens on a free localhost port, sends the user to the
            // sign-in page (the system browser, or the given browser callback) and uses PKCE.
            InteractiveRequestParameters.InteractiveRequestParametersBuilder p =
                InteractiveRequestParameters.builder(URI.create("http://localhost"))
                    .scopes(scopes)
                    .httpPollingTimeoutInSeconds(
                        (int)
                            Math.max(
                                1, Math.min(Integer.MAX_VALUE, prompts.timeout().toSeconds())));
            if (prompts.browser() != null) {
              p.systemBrowserOptions(
                  SystemBrowserOptions.builder()
                      .openBrowserAction(url -> prompts.browser().accept(toUri(url)))
                      .build());
            }
            return publicApp.acquireToken(p.build()).get();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AuthenticationException(0, null, null, "Entra ID sign-in interrupted");
      } catch (ExecutionException e) {
        Throwable c = e.getCause() == null ? e : e.getCause();
        if (c instanceof AuthenticationException own) {
          throw own;
        }
        throw new AuthenticationException(
            0,
            null,
            null,
            "authentication failed: Entra ID sign-in ("
                + settings.entraFlow()
                + ") failed: "
                + reason(c));
      } catch (IOException | AuthenticationException e) {
        throw e;
      } catch (UncheckedIOException e) {
        throw e.getCause();
      } catch (Exception e) {
        throw new AuthenticationException(
            0,
            null,
            null,
            "authentication failed: Entra ID sign-in ("
                + settings.entraFlow()
                + ") failed: "
                + reason(e));
      }
    }

    // MSAL's error code (invalid_grant, access_denied, ...) names the cause without any secret;
    // its messages may quote server text, so they are left out.
    private static String reason(Throwable t) {
      if (t instanceof com.microsoft.aad.msal4j.MsalException m && m.errorCode() != null) {
        return t.getClass().getSimpleName() + " (" + m.errorCode() + ")";
      }
      return t.getClass().getSimpleName();
    }
  }
}
