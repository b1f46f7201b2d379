package dev.azdo.emulator.wit;

import static dev.azdo.emulator.wit.Wit.createOk;
import static dev.azdo.emulator.wit.Wit.patch;
import static dev.azdo.emulator.wit.Wit.update;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.Http;
import dev.azdo.emulator.http.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CommentsTest {
  static final String CV = "api-version=7.1-preview.4";
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

  private static String comments(int id) {
    return "Demo/_apis/wit/workItems/" + id + "/comments";
  }

  private static Http.Res add(int id, String text) {
    return http.post(comments(id) + "?" + CV, Json.object().put("text", text));
  }

  @Test
  void addingACommentReturnsItAndCountsItOnTheWorkItem() {
    int id = createOk(http, "Task", "discussed").path("id").asInt();
    Http.Res r = add(id, "Moving to the right area path");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode c = r.json();
    assertThat(c.path("workItemId").asInt()).isEqualTo(id);
    assertThat(c.path("id").asInt()).isPositive();
    assertThat(c.path("version").asInt()).isEqualTo(1);
    assertThat(c.path("text").asText()).isEqualTo("Moving to the right area path");
    assertThat(c.path("renderedText").asText()).isNotEmpty();
    assertThat(c.path("createdBy").path("displayName").asText()).isEqualTo("Alice Admin");
    assertThat(c.path("modifiedBy").path("uniqueName").asText()).isEqualTo("alice@example.com");
    assertThat(c.path("createdDate").asText()).endsWith("Z");
    assertThat(c.path("isDeleted").asBoolean(true)).isFalse();
    assertThat(c.path("url").asText()).contains("/comments/" + c.path("id").asInt());
    JsonNode item = Wit.get(http, id, null).json();
    assertThat(item.path("fields").path("System.CommentCount").asInt()).isEqualTo(1);
    assertThat(item.path("rev").asInt()).isEqualTo(2);
    assertThat(item.path("commentVersionRef").path("commentId").asInt())
        .isEqualTo(c.path("id").asInt());
  }

  @Test
  void commentsNeedThePreviewFlag() {
    int id = createOk(http, "Task", "flag").path("id").asInt();
    Http.Res r = http.get(comments(id) + "?api-version=7.1");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("typeKey").asText()).isEqualTo("VssInvalidPreviewVersionException");
  }

  @Test
  void historyOnAnUpdateBecomesAComment() {
    int id = createOk(http, "Task", "history").path("id").asInt();
    Http.Res u =
        update(http, id, patch("add", "/fields/System.History", "Johnnie takes over"), null);
    assertThat(u.status()).isEqualTo(200);
    assertThat(u.json().path("fields").path("System.CommentCount").asInt()).isEqualTo(1);
    Http.Res list = http.get(comments(id) + "?" + CV);
    assertThat(list.json().path("totalCount").asInt()).isEqualTo(1);
    assertThat(list.json().path("comments").get(0).path("text").asText())
        .isEqualTo("Johnnie takes over");
    Http.Res next = update(http, id, patch("replace", "/fields/System.Title", "later"), null);
    assertThat(next.json().path("fields").has("System.History")).isFalse();
  }

  @Test
  void listPagesWithTopAndContinuationToken() {
    int id = createOk(http, "Task", "chatty").path("id").asInt();
    for (int i = 1; i <= 5; i++) {
      add(id, "comment " + i);
    }
    Http.Res first = http.get(comments(id) + "?$top=2&order=asc&" + CV);
    assertThat(first.status()).isEqualTo(200);
    JsonNode page = first.json();
    assertThat(page.path("totalCount").asInt()).isEqualTo(5);
    assertThat(page.path("count").asInt()).isEqualTo(2);
    assertThat(page.path("comments").get(0).path("text").asText()).isEqualTo("comment 1");
    String token = page.path("continuationToken").asText();
    assertThat(token).isNotEmpty();
    assertThat(page.path("nextPage").asText()).contains("continuationToken=" + token);
    Http.Res second =
        http.get(comments(id) + "?$top=2&order=asc&continuationToken=" + token + "&" + CV);
    assertThat(second.json().path("comments").get(0).path("text").asText()).isEqualTo("comment 3");
    Http.Res last = http.get(comments(id) + "?$top=10&order=asc&continuationToken=4&" + CV);
    assertThat(last.json().path("count").asInt()).isEqualTo(1);
    assertThat(last.json().has("continuationToken")).isFalse();
    Http.Res newest = http.get(comments(id) + "?$top=1&" + CV);
    assertThat(newest.json().path("comments").get(0).path("text").asText()).isEqualTo("comment 5");
    Http.Res ascByNumber = http.get(comments(id) + "?$top=1&order=1&" + CV);
    assertThat(ascByNumber.json().path("comments").get(0).path("text").asText())
        .isEqualTo("comment 1");
  }

  @Test
  void editBumpsTheVersionAndDeleteHidesTheComment() {
    int id = createOk(http, "Task", "edit").path("id").asInt();
    int cid = add(id, "typo").json().path("id").asInt();
    Http.Res edited =
        http.send(
            "PATCH",
            comments(id) + "/" + cid + "?" + CV,
            Json.object().put("text", "fixed"),
            "application/json");
    assertThat(edited.status()).as(edited.body()).isEqualTo(200);
    assertThat(edited.json().path("version").asInt()).isEqualTo(2);
    assertThat(edited.json().path("text").asText()).isEqualTo("fixed");
    Http.Res one = http.get(comments(id) + "/" + cid + "?" + CV);
    assertThat(one.json().path("text").asText()).isEqualTo("fixed");
    Http.Res deleted = http.delete(comments(id) + "/" + cid + "?" + CV);
    assertThat(deleted.status()).isIn(200, 204);
    assertThat(http.get(comments(id) + "/" + cid + "?" + CV).status()).isEqualTo(404);
    Http.Res withDeleted = http.get(comments(id) + "/" + cid + "?includeDeleted=true&" + CV);
    assertThat(withDeleted.json().path("isDeleted").asBoolean()).isTrue();
    assertThat(http.get(comments(id) + "?" + CV).json().path("totalCount").asInt()).isZero();
    assertThat(Wit.get(http, id, null).json().path("fields").path("System.CommentCount").asInt())
        .isZero();
  }

  @Test
  void emptyTextAndMissingItemsAreRefused() {
    int id = createOk(http, "Task", "empty").path("id").asInt();
    assertThat(add(id, "").status()).isEqualTo(400);
    Http.Res missing = add(777777, "hello");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().path("message").asText()).startsWith("TF401232");
  }
}
