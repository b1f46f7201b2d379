package dev.azdo.emulator.classification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.Http;
import dev.azdo.emulator.http.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClassificationApiTest {
  static final String V = "api-version=7.1";
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
  void rootsAreListedWithTheSeededChildren() {
    Http.Res r = http.get("Demo/_apis/wit/classificationnodes?$depth=1&" + V);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("count").asInt()).isEqualTo(2);
    JsonNode area = r.json().path("value").get(0);
    assertThat(area.path("name").asText()).isEqualTo("Demo");
    assertThat(area.path("structureType").asText()).isEqualTo("area");
    assertThat(area.path("path").asText()).isEqualTo("\\Demo\\Area");
    assertThat(area.path("hasChildren").asBoolean()).isTrue();
    assertThat(names(area.path("children"))).contains("Team A", "Team B");
    JsonNode iteration = r.json().path("value").get(1);
    assertThat(iteration.path("structureType").asText()).isEqualTo("iteration");
    assertThat(iteration.path("path").asText()).isEqualTo("\\Demo\\Iteration");
    assertThat(names(iteration.path("children"))).contains("Sprint 1", "Sprint 2", "Sprint 3");
  }

  @Test
  void seededSprintsLastTwoWeeksBackToBack() {
    Http.Res s1 = http.get("Demo/_apis/wit/classificationnodes/Iterations/Sprint%201?" + V);
    Http.Res s2 = http.get("Demo/_apis/wit/classificationnodes/iterations/Sprint%202?" + V);
    assertThat(s1.status()).isEqualTo(200);
    java.time.Instant start1 =
        java.time.Instant.parse(s1.json().at("/attributes/startDate").asText());
    java.time.Instant finish1 =
        java.time.Instant.parse(s1.json().at("/attributes/finishDate").asText());
    java.time.Instant start2 =
        java.time.Instant.parse(s2.json().at("/attributes/startDate").asText());
    assertThat(java.time.Duration.between(start1, finish1).toDays()).isEqualTo(11);
    assertThat(java.time.Duration.between(start1, start2).toDays()).isEqualTo(14);
    assertThat(s1.json().at("/attributes/startDate").asText()).endsWith("T00:00:00Z");
  }

  @Test
  void nodeByPathHasLinksAndUrlsLikeTheService() {
    Http.Res r = http.get("Demo/_apis/wit/classificationnodes/Areas/Team%20A?" + V);
    assertThat(r.status()).isEqualTo(200);
    JsonNode n = r.json();
    assertThat(n.path("name").asText()).isEqualTo("Team A");
    assertThat(n.path("id").asInt()).isPositive();
    assertThat(n.path("identifier").asText()).hasSize(36);
    assertThat(n.path("path").asText()).isEqualTo("\\Demo\\Area\\Team A");
    assertThat(n.path("url").asText())
        .endsWith("/_apis/wit/classificationNodes/Areas/Team%20A")
        .startsWith(emulator.url() + "/");
    assertThat(n.at("/_links/parent/href").asText())
        .endsWith("/_apis/wit/classificationNodes/Areas");
    assertThat(n.has("attributes")).isFalse();
  }

  @Test
  void unknownPathIsA404WithVs402485() {
    Http.Res r = http.get("Demo/_apis/wit/classificationnodes/Areas/Nope?" + V);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().path("message").asText())
        .startsWith("VS402485: The Area/Iteration name is not recognized");
    Http.Res badGroup = http.get("Demo/_apis/wit/classificationnodes/Teams?" + V);
    assertThat(badGroup.status()).isEqualTo(400);
    Http.Res noProject = http.get("Nowhere/_apis/wit/classificationnodes?" + V);
    assertThat(noProject.status()).isEqualTo(404);
  }

  @Test
  void createAddsAChildAndRefusesADuplicateSiblingWith409() {
    Http.Res created =
        http.post("Demo/_apis/wit/classificationnodes/Areas/Team%20B?" + V, Map.of("name", "Web"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("path").asText()).isEqualTo("\\Demo\\Area\\Team B\\Web");
    assertThat(created.json().path("hasChildren").asBoolean()).isFalse();
    Http.Res again =
        http.post("Demo/_apis/wit/classificationnodes/Areas/Team%20B?" + V, Map.of("name", "web"));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().path("message").asText())
        .startsWith("VS402371: Classification node name web is already in use")
        .contains("Choose a different name and try again.");
    Http.Res parent = http.get("Demo/_apis/wit/classificationnodes/Areas/Team%20B?$depth=1&" + V);
    assertThat(parent.json().path("hasChildren").asBoolean()).isTrue();
    assertThat(names(parent.json().path("children"))).containsExactly("Web");
  }

  @Test
  void nestedPathsMayUseEncodedSlashesBackslashesAndTheEnumNumber() {
    http.post("Demo/_apis/wit/classificationnodes/Iterations?" + V, Map.of("name", "Release 1"));
    Http.Res made =
        http.post(
            "Demo/_apis/wit/classificationnodes/Iterations/Release%201?" + V,
            Map.of("name", "Sprint 4"));
    int id = made.json().path("id").asInt();
    // Microsoft's clients encode the whole path as one segment and send Iterations as 1.
    Http.Res encoded =
        http.get("Demo/_apis/wit/classificationnodes/1/Release%201%2FSprint%204?" + V);
    assertThat(encoded.status()).isEqualTo(200);
    assertThat(encoded.json().path("id").asInt()).isEqualTo(id);
    Http.Res backslash =
        http.get("Demo/_apis/wit/classificationnodes/iterations/release%201%5Csprint%204?" + V);
    assertThat(backslash.json().path("id").asInt()).isEqualTo(id);
    // Areas is 0, which those clients drop from the URL: the service then lists the roots.
    Http.Res roots = http.get("Demo/_apis/wit/classificationnodes?$depth=1&" + V);
    assertThat(roots.json().path("count").asInt()).isEqualTo(2);
  }

  @Test
  void createRefusesInvalidNamesWithTf50316() {
    for (String bad : List.of("A/B", "What?", "", "CON", "x".repeat(256))) {
      Http.Res r = http.post("Demo/_apis/wit/classificationnodes/Areas?" + V, Map.of("name", bad));
      assertThat(r.status()).as(bad).isEqualTo(400);
      assertThat(r.json().path("message").asText()).as(bad).startsWith("TF50316");
    }
    Http.Res noName = http.post("Demo/_apis/wit/classificationnodes/Areas?" + V, Map.of());
    assertThat(noName.status()).isEqualTo(400);
  }

  @Test
  void iterationIsCreatedWithDatesAndFinishBeforeStartIsRefused() {
    Http.Res r =
        http.post(
            "Demo/_apis/wit/classificationnodes/Iterations?" + V,
            Map.of(
                "name",
                "Final Iteration",
                "attributes",
                Map.of("startDate", "2014-10-27T00:00:00Z", "finishDate", "2014-10-31")));
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.json().at("/attributes/startDate").asText()).isEqualTo("2014-10-27T00:00:00Z");
    assertThat(r.json().at("/attributes/finishDate").asText()).isEqualTo("2014-10-31T00:00:00Z");
    Http.Res backwards =
        http.post(
            "Demo/_apis/wit/classificationnodes/Iterations?" + V,
            Map.of(
                "name",
                "Backwards",
                "attributes",
                Map.of("startDate", "2014-10-31T00:00:00Z", "finishDate", "2014-10-27T00:00:00Z")));
    assertThat(backwards.status()).isEqualTo(400);
  }

  @Test
  void patchRenamesANodeAndChangesIterationDates() {
    http.post("Demo/_apis/wit/classificationnodes/Iterations?" + V, Map.of("name", "Rename Me"));
    Http.Res renamed =
        http.send(
            "PATCH",
            "Demo/_apis/wit/classificationnodes/Iterations/Rename%20Me?" + V,
            Json.write(Map.of("name", "Renamed")),
            "application/json");
    assertThat(renamed.status()).isEqualTo(200);
    assertThat(renamed.json().path("name").asText()).isEqualTo("Renamed");
    Http.Res dated =
        http.send(
            "PATCH",
            "Demo/_apis/wit/classificationnodes/Iterations/Renamed?" + V,
            Json.write(
                Map.of(
                    "attributes",
                    Map.of(
                        "startDate",
                        "2015-01-26T00:00:00Z",
                        "finishDate",
                        "2015-01-30T00:00:00Z"))),
            "application/json");
    assertThat(dated.status()).isEqualTo(200);
    assertThat(dated.json().at("/attributes/finishDate").asText())
        .isEqualTo("2015-01-30T00:00:00Z");
    assertThat(dated.json().path("id").asInt()).isEqualTo(renamed.json().path("id").asInt());
    assertThat(http.get("Demo/_apis/wit/classificationnodes/Iterations/Rename%20Me?" + V).status())
        .isEqualTo(404);
    Http.Res root =
        http.send(
            "PATCH",
            "Demo/_apis/wit/classificationnodes/Areas?" + V,
            Json.write(Map.of("name", "Other")),
            "application/json");
    assertThat(root.status()).isEqualTo(400);
  }

  @Test
  void postWithAnIdMovesTheNodeUnderThePath() {
    Http.Res parent =
        http.post("Demo/_apis/wit/classificationnodes/Areas?" + V, Map.of("name", "Parent Area"));
    Http.Res child =
        http.post("Demo/_apis/wit/classificationnodes/Areas?" + V, Map.of("name", "Website team"));
    int id = child.json().path("id").asInt();
    Http.Res moved =
        http.post("Demo/_apis/wit/classificationnodes/Areas/Parent%20Area?" + V, Map.of("id", id));
    assertThat(moved.status()).isEqualTo(200);
    assertThat(moved.json().path("id").asInt()).isEqualTo(id);
    assertThat(moved.json().path("path").asText())
        .isEqualTo("\\Demo\\Area\\Parent Area\\Website team");
    Http.Res intoItself =
        http.post(
            "Demo/_apis/wit/classificationnodes/Areas/Parent%20Area/Website%20team?" + V,
            Map.of("id", parent.json().path("id").asInt()));
    assertThat(intoItself.status()).isEqualTo(400);
  }

  @Test
  void idsAreFetchedInABatchAndUnknownOnesFailOrAreOmitted() {
    Http.Res a = http.get("Demo/_apis/wit/classificationnodes/Areas/Team%20A?" + V);
    Http.Res s = http.get("Demo/_apis/wit/classificationnodes/Iterations/Sprint%203?" + V);
    String ids = a.json().path("id").asInt() + "," + s.json().path("id").asInt();
    Http.Res both = http.get("Demo/_apis/wit/classificationnodes?ids=" + ids + "&" + V);
    assertThat(both.status()).isEqualTo(200);
    assertThat(names(both.json().path("value"))).containsExactly("Team A", "Sprint 3");
    Http.Res fail = http.get("Demo/_apis/wit/classificationnodes?ids=" + ids + ",99999&" + V);
    assertThat(fail.status()).isEqualTo(404);
    Http.Res omit =
        http.get("Demo/_apis/wit/classificationnodes?ids=" + ids + ",99999&errorPolicy=omit&" + V);
    assertThat(omit.status()).isEqualTo(200);
    assertThat(omit.json().path("count").asInt()).isEqualTo(3);
    assertThat(omit.json().path("value").get(2).isNull()).isTrue();
    // Microsoft's clients send the enum's number: Omit = 2.
    Http.Res byNumber =
        http.get("Demo/_apis/wit/classificationnodes?ids=" + ids + ",99999&errorPolicy=2&" + V);
    assertThat(byNumber.status()).isEqualTo(200);
    assertThat(byNumber.json().path("count").asInt()).isEqualTo(3);
  }

  @Test
  void deleteRemovesTheSubtreeAndChecksTheReclassifyTarget() {
    http.post("Demo/_apis/wit/classificationnodes/Areas?" + V, Map.of("name", "Doomed"));
    http.post("Demo/_apis/wit/classificationnodes/Areas/Doomed?" + V, Map.of("name", "Leaf"));
    Http.Res leaf = http.get("Demo/_apis/wit/classificationnodes/Areas/Doomed/Leaf?" + V);
    int leafId = leaf.json().path("id").asInt();
    Http.Res intoOwnChild =
        http.delete(
            "Demo/_apis/wit/classificationnodes/Areas/Doomed?$reclassifyId=" + leafId + "&" + V);
    assertThat(intoOwnChild.status()).isEqualTo(400);
    int rootId =
        http.get("Demo/_apis/wit/classificationnodes/Areas?" + V).json().path("id").asInt();
    Http.Res gone =
        http.delete(
            "Demo/_apis/wit/classificationnodes/Areas/Doomed?$reclassifyId=" + rootId + "&" + V);
    assertThat(gone.status()).isEqualTo(204);
    assertThat(http.get("Demo/_apis/wit/classificationnodes/Areas/Doomed?" + V).status())
        .isEqualTo(404);
    assertThat(http.get("Demo/_apis/wit/classificationnodes?ids=" + leafId + "&" + V).status())
        .isEqualTo(404);
    assertThat(http.delete("Demo/_apis/wit/classificationnodes/Areas?" + V).status())
        .isEqualTo(400);
  }

  @Test
  void depthLimitsHowManyLevelsOfChildrenAreReturned() {
    http.post("Demo/_apis/wit/classificationnodes/Areas?" + V, Map.of("name", "Deep"));
    http.post("Demo/_apis/wit/classificationnodes/Areas/Deep?" + V, Map.of("name", "Deeper"));
    Http.Res one = http.get("Demo/_apis/wit/classificationnodes/Areas?$depth=1&" + V);
    JsonNode deep = child(one.json(), "Deep");
    assertThat(deep.path("hasChildren").asBoolean()).isTrue();
    assertThat(deep.has("children")).isFalse();
    assertThat(deep.has("_links")).isFalse();
    Http.Res two = http.get("Demo/_apis/wit/classificationnodes/Areas?$depth=2&" + V);
    assertThat(names(child(two.json(), "Deep").path("children"))).containsExactly("Deeper");
    Http.Res none = http.get("Demo/_apis/wit/classificationnodes/Areas?" + V);
    assertThat(none.json().has("children")).isFalse();
  }

  private static JsonNode child(JsonNode node, String name) {
    for (JsonNode c : node.path("children")) {
      if (c.path("name").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no child " + name + " in " + node);
  }

  private static List<String> names(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : array) {
      out.add(n.path("name").asText());
    }
    return out;
  }
}
