package dev.azdo.client.auth;

import com.microsoft.aad.msal4j.AbstractClientApplicationBase;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.DeviceCodeFlowParameters;
import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.InteractiveRequestParameters;
import com.microsoft.aad.msal4j.ManagedIdentityApplication;
import com.microsoft.aad.msal4j.ManagedIdentityId;
import com.microsoft.aad.msal4j.ManagedIdentityParameters;
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.microsoft.aad.msal4j.SilentParameters;
import dev.azdo.client.AuthenticationException;
import dev.azdo.client.ConnectionSettings;
import dev.azdo.client.Secret;
import java.io.IOException;
import java.net.URI;
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
    this(
        new MsalTokenSource(settings, deviceCodeMessage, httpClient),
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

  /** Acquires tokens with MSAL4J for the configured flow, keeping MSAL's in-memory cache. */
  private static final class MsalTokenSource implements TokenSource {
    private final ConnectionSettings settings;
    private final Consumer<String> deviceCodeMessage;
    private PublicClientApplication publicApp;
    private ConfidentialClientApplication confidentialApp;
    private ManagedIdentityApplication managedApp;

    private final IHttpClient httpClient;

    MsalTokenSource(
        ConnectionSettings settings, Consumer<String> deviceCodeMessage, IHttpClient httpClient) {
      this.settings = settings;
      this.deviceCodeMessage = deviceCodeMessage;
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
      IAuthenticationResult r = acquireResult(force);
      return new AccessToken(
          Secret.of(r.accessToken()), Instant.ofEpochMilli(r.expiresOnDate().getTime()));
    }

    private IAuthenticationResult acquireResult(boolean force) throws IOException {
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
              publicApp =
                  configure(PublicClientApplication.builder(settings.entraClientId().orElseThrow()))
                      .build();
            }
            // Use the cached account's refresh token first; only prompt when that fails.
            for (IAccount account : publicApp.getAccounts().get()) {
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
                              scopes, code -> deviceCodeMessage.accept(code.message()))
                          .build())
                  .get();
            }
            // Interactive sign-in opens the system browser and uses PKCE (MSAL does it for us).
            return publicApp
                .acquireToken(
                    InteractiveRequestParameters.builder(URI.create("http://localhost"))
                        .scopes(scopes)
                        .build())
                .get();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AuthenticationException(0, null, null, "Entra ID sign-in interrupted");
      } catch (ExecutionException e) {
        Throwable c = e.getCause() == null ? e : e.getCause();
        throw new AuthenticationException(
            0,
            null,
            null,
            "authentication failed: Entra ID sign-in ("
                + settings.entraFlow()
                + ") failed: "
                + c.getClass().getSimpleName());
      } catch (IOException e) {
        throw e;
      } catch (Exception e) {
        throw new AuthenticationException(
            0,
            null,
            null,
            "authentication failed: Entra ID sign-in ("
                + settings.entraFlow()
                + ") failed: "
                + e.getClass().getSimpleName());
      }
    }
  }
}
