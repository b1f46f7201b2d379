package dev.azdo.emulator.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reporting work item revisions API: change order, paging, watermarks, filters. */
class ReportingRevisionsTest {
  private static final String PATH = "Demo/_apis/wit/reporting/workitemrevisions?api-version=7.1";

  Emulator emulator;
  Http http;

  @BeforeEach
  void start() {
    emulator = Emulator.startDefault();
    http = new Http(emulator);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private int create(String type, String title) {
    Http.Res r =
        http.send(
            "POST",
            "Demo/_apis/wit/workitems/$" + type + "?api-version=7.1",
            List.of(Map.of("op", "add", "path", "/fields/System.Title", "value", title)),
            "application/json-patch+json");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().path("id").asInt();
  }

  private void retitle(int id, String title) {
    Http.Res r =
        http.send(
            "PATCH",
            "Demo/_apis/wit/workitems/" + id + "?api-version=7.1",
            List.of(Map.of("op", "replace", "path", "/fields/System.Title", "value", title)),
            "application/json-patch+json");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  /** Reads every batch from a token (null: the start); returns "id:rev" and the last token. */
  private List<String> readAll(String query, String[] token) {
    List<String> out = new ArrayList<>();
    while (true) {
      String url = PATH + query + (token[0] == null ? "" : "&continuationToken=" + token[0]);
      Http.Res r = http.get(url);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      for (JsonNode v : r.json().path("values")) {
        out.add(v.path("id").asInt() + ":" + v.path("rev").asInt());
      }
      token[0] = r.json().path("continuationToken").asText();
      assertThat(r.json().path("nextLink").asText()).contains("continuationToken=");
      if (r.json().path("isLastBatch").asBoolean()) {
        return out;
      }
    }
  }

  @Test
  void everyRevisionComesOnceInChangeOrderAcrossBatches() {
    int a = create("Task", "a1");
    int b = create("Bug", "b1");
    retitle(a, "a2");
    retitle(b, "b2");
    retitle(a, "a3");
    String[] token = {null};
    assertThat(readAll("&$maxPageSize=2", token))
        .containsExactly(a + ":1", b + ":1", a + ":2", b + ":2", a + ":3");
  }

  @Test
  void theLastBatchsTokenReadsOnlyLaterChanges() {
    int a = create("Task", "a1");
    int b = create("Task", "b1");
    String[] token = {null};
    assertThat(readAll("", token)).containsExactly(a + ":1", b + ":1");
    String watermark = token[0];
    assertThat(readAll("", token)).isEmpty();
    assertThat(token[0]).isEqualTo(watermark);
    retitle(b, "b2");
    assertThat(readAll("", token)).containsExactly(b + ":2");
  }

  @Test
  void includeLatestOnlyGivesEachItemAtItsLatestRevision() {
    int a = create("Task", "a1");
    retitle(a, "a2");
    int b = create("Task", "b1");
    String[] token = {null};
    assertThat(readAll("&includeLatestOnly=true", token)).containsExactly(a + ":2", b + ":1");
  }

  @Test
  void fieldsAndTypesNarrowTheRevisions() {
    create("Task", "t");
    int bug = create("Bug", "b");
    Http.Res r = http.get(PATH + "&fields=System.Title,System.State&types=Bug");
    JsonNode values = r.json().path("values");
    assertThat(values).hasSize(1);
    assertThat(values.get(0).path("id").asInt()).isEqualTo(bug);
    List<String> names = new ArrayList<>();
    values.get(0).path("fields").fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactlyInAnyOrder("System.Title", "System.State");
  }

  @Test
  void deletedItemsComeOnlyWithIncludeDeleted() {
    int kept = create("Task", "kept");
    int gone = create("Task", "gone");
    assertThat(http.delete("Demo/_apis/wit/workitems/" + gone + "?api-version=7.1").status())
        .isEqualTo(200);
    String[] token = {null};
    assertThat(readAll("&includeLatestOnly=true", token)).containsExactly(kept + ":1");
    Http.Res r = http.get(PATH + "&includeLatestOnly=true&includeDeleted=true");
    JsonNode last = r.json().path("values").get(1);
    assertThat(last.path("id").asInt()).isEqualTo(gone);
    assertThat(last.path("fields").path("System.IsDeleted").asBoolean()).isTrue();
  }

  @Test
  void postTakesTheFilterInTheBody() {
    int a = create("Task", "a1");
    retitle(a, "a2");
    Http.Res r =
        http.post(
            PATH,
            Map.of(
                "fields", List.of("System.Title"),
                "includeLatestOnly", true,
                "includeIdentityRef", true));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode v = r.json().path("values").get(0);
    assertThat(v.path("rev").asInt()).isEqualTo(2);
    assertThat(v.path("fields").path("System.Title").asText()).isEqualTo("a2");
    assertThat(r.json().path("isLastBatch").asBoolean()).isTrue();
  }

  @Test
  void identitiesAreStringsUnlessIdentityRefsAreAsked() {
    create("Task", "mine");
    Http.Res plain = http.get(PATH + "&fields=System.CreatedBy");
    assertThat(plain.json().path("values").get(0).path("fields").path("System.CreatedBy").asText())
        .isEqualTo("Alice Admin <alice@example.com>");
    Http.Res ref = http.get(PATH + "&fields=System.CreatedBy&includeIdentityRef=true");
    JsonNode who = ref.json().path("values").get(0).path("fields").path("System.CreatedBy");
    assertThat(who.path("displayName").asText()).isEqualTo("Alice Admin");
    assertThat(who.path("uniqueName").asText()).isEqualTo("alice@example.com");
  }

  @Test
  void aTokenItDidNotIssueIsRefused() {
    Http.Res r = http.get(PATH + "&continuationToken=nonsense");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("message").asText()).contains("continuationToken");
  }
}
