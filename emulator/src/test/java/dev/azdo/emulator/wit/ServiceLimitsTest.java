package dev.azdo.emulator.wit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.Http;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service's documented limits over real HTTP: long text holds 1,048,576 characters, a string
 * field 255, with or without bypassRules for long text; a $batch with a longer value is refused
 * whole; api-version numbers beyond any release are a 400, not a 500.
 */
class ServiceLimitsTest {
  static final int LONG_TEXT = 1_048_576;
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

  private static Http.Res create(String field, String value, boolean bypassRules) {
    return http.patch(
        "Demo/_apis/wit/workitems/$Task?api-version=7.1" + (bypassRules ? "&bypassRules=true" : ""),
        List.of(
            Map.of("op", "add", "path", "/fields/System.Title", "value", "limits"),
            Map.of("op", "add", "path", "/fields/" + field, "value", value)));
  }

  @Test
  void longTextHoldsExactlyTheServicesLimitEvenWithBypassRules() {
    Http.Res full = create("System.Description", "x".repeat(LONG_TEXT), false);
    assertThat(full.status()).isEqualTo(200);
    int id = full.json().path("id").asInt();
    Http.Res read = http.get("Demo/_apis/wit/workitems/" + id + "?api-version=7.1");
    assertThat(read.json().at("/fields/System.Description").asText()).hasSize(LONG_TEXT);

    for (boolean bypass : List.of(false, true)) {
      Http.Res over = create("System.Description", "x".repeat(LONG_TEXT + 1), bypass);
      assertThat(over.status()).as("bypassRules=%s", bypass).isEqualTo(400);
      assertThat(over.json().path("message").asText())
          .isEqualTo("TF401320: Rule Error for field Description. Error code: InvalidTooLong.");
    }
  }

  @Test
  void aStringFieldHolds255Characters() {
    assertThat(create("System.Title", "t".repeat(255), false).status()).isEqualTo(200);
    Http.Res over = create("System.Title", "t".repeat(256), false);
    assertThat(over.status()).isEqualTo(400);
    assertThat(over.json().path("message").asText()).contains("Title").contains("InvalidTooLong");
  }

  @Test
  void aBatchWithAValueOverTheLimitIsRefusedWhole() {
    Map<String, Object> ok =
        Map.of(
            "method",
            "PATCH",
            "uri",
            "/Demo/_apis/wit/workitems/$Task?api-version=7.1",
            "headers",
            Map.of("Content-Type", "application/json-patch+json"),
            "body",
            List.of(Map.of("op", "add", "path", "/fields/System.Title", "value", "fine")));
    Map<String, Object> tooLong =
        Map.of(
            "method",
            "PATCH",
            "uri",
            "/Demo/_apis/wit/workitems/$Task?api-version=7.1",
            "headers",
            Map.of("Content-Type", "application/json-patch+json"),
            "body",
            List.of(
                Map.of("op", "add", "path", "/fields/System.Title", "value", "long"),
                Map.of(
                    "op",
                    "add",
                    "path",
                    "/fields/System.Description",
                    "value",
                    "x".repeat(LONG_TEXT + 1))));
    int before = emulator.context().store().size(WitTables.WORK_ITEMS);
    Http.Res r = http.post("_apis/wit/$batch?api-version=7.1", List.of(ok, tooLong));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("message").asText())
        .isEqualTo(
            "The value of /fields/System.Description is 1048577 characters long, more than the"
                + " maximum of 1048576.");
    assertThat(emulator.context().store().size(WitTables.WORK_ITEMS)).isEqualTo(before);
  }

  @Test
  void apiVersionsBeyondAnyReleaseAre400() {
    for (String v : List.of("99999999999.0", "8.0", "7.3-preview.1", "abc")) {
      Http.Res r = http.get("_apis/projects?api-version=" + v);
      assertThat(r.status()).as(v).isEqualTo(400);
      assertThat(r.json().path("typeKey").asText()).as(v).startsWith("Vss");
    }
  }
}
