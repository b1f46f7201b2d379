package dev.azdo.emulator.ims;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.Http;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What Microsoft's MCP server asks vssps for: identities and the organization's tenant. */
class IdentitiesTest {
  static Emulator emulator;
  static Http http;

  @BeforeAll
  static void start() {
    emulator = Emulator.startDefault();
    http = new Http(emulator);
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Test
  void generalSearchFindsAUserByEmailOrNamePrefix() {
    JsonNode byMail =
        http.get(
                "_apis/identities?searchFilter=General&filterValue=bob@example.com&api-version=7.1")
            .json();
    assertThat(byMail.path("count").asInt()).isEqualTo(1);
    JsonNode bob = byMail.path("value").get(0);
    assertThat(bob.path("providerDisplayName").asText()).isEqualTo("Bob Builder");
    assertThat(bob.at("/properties/Mail/$value").asText()).isEqualTo("bob@example.com");
    JsonNode byName =
        http.get("_apis/identities?searchFilter=General&filterValue=bui&api-version=7.1").json();
    assertThat(byName.path("value").get(0).path("id").asText()).isEqualTo(bob.path("id").asText());
    JsonNode nobody =
        http.get("_apis/identities?searchFilter=General&filterValue=zed&api-version=7.1").json();
    assertThat(nobody.path("count").asInt()).isZero();
  }

  @Test
  void headOfTheOrganizationIs404WithTheResourceTenant() throws Exception {
    HttpResponse<Void> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(emulator.url()))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.discarding());
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("X-VSS-ResourceTenant").orElseThrow())
        .matches("[0-9a-f-]{36}");
  }

  @Test
  void aHugeApiVersionIsA400() {
    Http.Res r = http.get("_apis/projects?api-version=99999999999.0");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("typeKey").asText()).isEqualTo("VssInvalidApiVersionException");
  }
}
