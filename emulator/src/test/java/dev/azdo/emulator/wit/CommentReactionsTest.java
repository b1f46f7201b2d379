package dev.azdo.emulator.wit;

import static dev.azdo.emulator.wit.Wit.createOk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.emulator.Http;
import dev.azdo.emulator.http.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reactions to comments over HTTP: add, list, engaged users, withdraw, $expand, restart. */
class CommentReactionsTest {
  private static final String RV = "?api-version=7.1-preview.1";

  private static String comment(int id, int commentId) {
    return "Demo/_apis/wit/workItems/" + id + "/comments/" + commentId;
  }

  @Test
  void aReactionCountsEachUserOnceAndSurvivesARestart(@TempDir Path dir) {
    EmulatorConfig config = EmulatorConfig.builder().dataDir(dir).build();
    int id;
    int cid;
    try (Emulator emulator = Emulator.create(config).start()) {
      Http http = new Http(emulator);
      id = createOk(http, "Task", "reacted to").path("id").asInt();
      Http.Res added =
          http.post(
              "Demo/_apis/wit/workItems/" + id + "/comments?api-version=7.1-preview.4",
              Json.object().put("text", "ship it"));
      cid = added.json().path("id").asInt();
      String reactions = comment(id, cid) + "/reactions";

      assertThat(http.get(reactions + RV).json().path("count").asInt()).isZero();
      Http.Res like = http.send("PUT", reactions + "/Like" + RV, null, "application/json");
      assertThat(like.status()).as(like.body()).isEqualTo(200);
      assertThat(like.json().path("commentId").asInt()).isEqualTo(cid);
      assertThat(like.json().path("type").asText()).isEqualTo("like");
      assertThat(like.json().path("count").asInt()).isEqualTo(1);
      assertThat(like.json().path("isCurrentUserEngaged").asBoolean()).isTrue();
      assertThat(like.json().path("url").asText())
          .endsWith("/_apis/wit/workItems/" + id + "/comments/" + cid + "/reactions/like");
      // The same user liking again changes nothing.
      Http.Res again = http.send("PUT", reactions + "/like" + RV, null, "application/json");
      assertThat(again.json().path("count").asInt()).isEqualTo(1);
      http.send("PUT", reactions + "/heart" + RV, null, "application/json");

      JsonNode list = http.get(reactions + RV).json();
      assertThat(list.path("count").asInt()).isEqualTo(2);
      assertThat(list.path("value").findValuesAsText("type")).containsExactly("like", "heart");
      JsonNode users = http.get(reactions + "/like/users" + RV).json();
      assertThat(users.path("count").asInt()).isEqualTo(1);
      assertThat(users.path("value").get(0).path("uniqueName").asText())
          .isEqualTo("alice@example.com");
      assertThat(http.get(reactions + "/like/users" + RV + "&$skip=1").json().path("count").asInt())
          .isZero();

      Http.Res withdrawn = http.delete(reactions + "/heart" + RV);
      assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
      assertThat(withdrawn.json().path("count").asInt()).isZero();
      assertThat(withdrawn.json().path("isCurrentUserEngaged").asBoolean(true)).isFalse();

      JsonNode expanded =
          http.get(comment(id, cid) + "?api-version=7.1-preview.4&$expand=reactions").json();
      assertThat(expanded.path("reactions").findValuesAsText("type")).containsExactly("like");
      assertThat(http.get(comment(id, cid) + "?api-version=7.1-preview.4").json().has("reactions"))
          .isFalse();

      Http.Res unknown = http.send("PUT", reactions + "/meh" + RV, null, "application/json");
      assertThat(unknown.status()).isEqualTo(400);
      assertThat(unknown.json().path("message").asText())
          .isEqualTo(
              "The value 'meh' is not valid for parameter reactionType. Use one of: like, dislike,"
                  + " heart, hooray, smile, confused.");
      Http.Res missing =
          http.send(
              "PUT", comment(id, cid + 1000) + "/reactions/like" + RV, null, "application/json");
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.json().path("message").asText())
          .isEqualTo(
              "VS403071: Comment " + (cid + 1000) + " of work item " + id + " does not exist.");
    }
    try (Emulator again = Emulator.create(config).start()) {
      JsonNode list = new Http(again).get(comment(id, cid) + "/reactions" + RV).json();
      assertThat(list.path("value").findValuesAsText("type")).containsExactly("like");
      assertThat(list.path("value").get(0).path("count").asInt()).isEqualTo(1);
    }
  }
}
