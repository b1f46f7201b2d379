package dev.azdo.emulator.signin;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.DeviceCodeFlowParameters;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.PublicClientApplication;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.emulator.http.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Microsoft's own Entra client library (MSAL4J) signs in against the emulator over https. */
class MsalSignInTest {
  private static final Set<String> DEVOPS = Set.of("499b84ac-1321-427f-aa17-267ca6975798/.default");

  static Emulator emulator;
  static SSLContext tls;
  static HttpClient http;

  @BeforeAll
  static void start() {
    emulator = Emulator.create(EmulatorConfig.builder().https(true).build()).start();
    tls = SelfSignedCertificate.trusting(emulator.keyStore());
    http = HttpClient.newBuilder().sslContext(tls).build();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  private static String authority() {
    return emulator.rootUrl() + "/contoso.onmicrosoft.com/";
  }

  private static HttpResponse<String> api(String path, String token) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(emulator.url() + "/" + path))
            .header("Authorization", "Bearer " + token)
            .header("X-TFS-FedAuthRedirect", "Suppress")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void msalClientCredentialsTokenIsAcceptedByTheApi() throws Exception {
    ConfidentialClientApplication app =
        ConfidentialClientApplication.builder(
                SignInModule.DEFAULT_CLIENT_ID,
                ClientCredentialFactory.createFromSecret(SignInModule.DEFAULT_CLIENT_SECRET))
            .authority(authority())
            .instanceDiscovery(false)
            .sslSocketFactory(tls.getSocketFactory())
            .build();
    IAuthenticationResult r =
        app.acquireToken(ClientCredentialParameters.builder(DEVOPS).build())
            .get(60, TimeUnit.SECONDS);
    assertThat(r.accessToken()).isNotEmpty();
    HttpResponse<String> me = api("_apis/connectionData", r.accessToken());
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(Json.parse(me.body()).at("/authenticatedUser/providerDisplayName").asText())
        .isEqualTo("Emulator sample app");
  }

  @Test
  void msalDeviceCodeFlowCompletesOnceTheCodeIsApproved() throws Exception {
    PublicClientApplication app =
        PublicClientApplication.builder(SignInModule.DEFAULT_CLIENT_ID)
            .authority(authority())
            .instanceDiscovery(false)
            .sslSocketFactory(tls.getSocketFactory())
            .build();
    IAuthenticationResult r =
        app.acquireToken(
                DeviceCodeFlowParameters.builder(
                        DEVOPS,
                        code -> {
                          // The "user" approves in a browser: here, a form post.
                          String form =
                              "user_code="
                                  + code.userCode()
                                  + "&user=erin%40example.com&approve=true";
                          try {
                            http.send(
                                HttpRequest.newBuilder(URI.create(code.verificationUri()))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString(form))
                                    .build(),
                                HttpResponse.BodyHandlers.ofString());
                          } catch (Exception e) {
                            throw new IllegalStateException(e);
                          }
                        })
                    .build())
            .get(120, TimeUnit.SECONDS);
    assertThat(r.account().username()).isEqualTo("erin@example.com");
    HttpResponse<String> me = api("_apis/connectionData", r.accessToken());
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(Json.parse(me.body()).at("/authenticatedUser/providerDisplayName").asText())
        .isEqualTo("Erin Evans");
  }
}
