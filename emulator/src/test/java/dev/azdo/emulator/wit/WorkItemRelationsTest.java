package dev.azdo.emulator.wit;

import static dev.azdo.emulator.wit.Wit.createOk;
import static dev.azdo.emulator.wit.Wit.get;
import static dev.azdo.emulator.wit.Wit.itemUrl;
import static dev.azdo.emulator.wit.Wit.relation;
import static dev.azdo.emulator.wit.Wit.update;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.Http;
import dev.azdo.emulator.http.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WorkItemRelationsTest {
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

  private static ArrayNode addRelation(ObjectNode rel) {
    ArrayNode p = Json.array();
    p.addObject().put("op", "add").put("path", "/relations/-").set("value", rel);
    return p;
  }

  private static int newItem(String title) {
    return createOk(http, "Task", title).path("id").asInt();
  }

  private static JsonNode relations(int id) {
    return get(http, id, "$expand=relations").json().path("relations");
  }

  private static JsonNode find(JsonNode relations, String rel, int target) {
    for (JsonNode r : relations) {
      if (r.path("rel").asText().equals(rel)
          && r.path("url").asText().endsWith("/_apis/wit/workItems/" + target)) {
        return r;
      }
    }
    return null;
  }

  @Test
  void addingAParentOnTheChildShowsTheChildOnTheParent() {
    int parent = newItem("parent");
    int child = newItem("child");
    ObjectNode rel = relation("System.LinkTypes.Hierarchy-Reverse", itemUrl(emulator, parent));
    rel.putObject("attributes").put("comment", "decomposition of work");
    Http.Res r = update(http, child, addRelation(rel), null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode own = find(r.json().path("relations"), "System.LinkTypes.Hierarchy-Reverse", parent);
    assertThat(own).isNotNull();
    assertThat(own.path("url").asText())
        .isEqualTo(emulator.url() + "/_apis/wit/workItems/" + parent);
    assertThat(own.path("attributes").path("isLocked").asBoolean(true)).isFalse();
    assertThat(own.path("attributes").path("comment").asText()).isEqualTo("decomposition of work");
    assertThat(own.path("attributes").path("name").asText()).isEqualTo("Parent");
    JsonNode mirrored = find(relations(parent), "System.LinkTypes.Hierarchy-Forward", child);
    assertThat(mirrored).isNotNull();
    assertThat(mirrored.path("attributes").path("name").asText()).isEqualTo("Child");
    assertThat(get(http, parent, null).json().path("rev").asInt()).isEqualTo(2);
    assertThat(r.json().path("fields").path("System.Parent").asInt()).isEqualTo(parent);
  }

  @Test
  void addingAChildOnTheParentShowsTheParentOnTheChild() {
    int parent = newItem("parent");
    int child = newItem("child");
    Http.Res r =
        update(
            http,
            parent,
            addRelation(relation("System.LinkTypes.Hierarchy-Forward", itemUrl(emulator, child))),
            null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(find(relations(child), "System.LinkTypes.Hierarchy-Reverse", parent)).isNotNull();
  }

  @Test
  void aChildCanHaveOnlyOneParent() {
    int p1 = newItem("p1");
    int p2 = newItem("p2");
    int child = newItem("child");
    update(
        http,
        child,
        addRelation(relation("System.LinkTypes.Hierarchy-Reverse", itemUrl(emulator, p1))),
        null);
    Http.Res second =
        update(
            http,
            child,
            addRelation(relation("System.LinkTypes.Hierarchy-Reverse", itemUrl(emulator, p2))),
            null);
    assertThat(second.status()).isEqualTo(400);
    assertThat(second.json().path("message").asText()).startsWith("TF201036");
    Http.Res fromParent =
        update(
            http,
            p2,
            addRelation(relation("System.LinkTypes.Hierarchy-Forward", itemUrl(emulator, child))),
            null);
    assertThat(fromParent.status()).isEqualTo(400);
    assertThat(fromParent.json().path("message").asText()).startsWith("TF201036");
  }

  @Test
  void aHierarchyCycleIsRefused() {
    int top = newItem("top");
    int middle = newItem("middle");
    update(
        http,
        middle,
        addRelation(relation("System.LinkTypes.Hierarchy-Reverse", itemUrl(emulator, top))),
        null);
    Http.Res cycle =
        update(
            http,
            middle,
            addRelation(relation("System.LinkTypes.Hierarchy-Forward", itemUrl(emulator, top))),
            null);
    assertThat(cycle.status()).isEqualTo(400);
    Http.Res reverse =
        update(
            http,
            top,
            addRelation(relation("System.LinkTypes.Hierarchy-Reverse", itemUrl(emulator, middle))),
            null);
    assertThat(reverse.status()).isEqualTo(400);
    assertThat(reverse.json().path("message").asText()).startsWith("TF201037");
  }

  @Test
  void removingARelationByIndexRemovesTheOtherEndToo() {
    int a = newItem("a");
    int b = newItem("b");
    update(http, a, addRelation(relation("System.LinkTypes.Related", itemUrl(emulator, b))), null);
    assertThat(find(relations(b), "System.LinkTypes.Related", a)).isNotNull();
    assertThat(get(http, b, null).json().path("fields").path("System.RelatedLinkCount").asInt())
        .isEqualTo(1);
    ArrayNode remove = Json.array();
    remove.addObject().put("op", "remove").put("path", "/relations/0");
    Http.Res r = update(http, a, remove, null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().has("relations")).isFalse();
    assertThat(relations(b).isMissingNode() || relations(b).isEmpty()).isTrue();
  }

  @Test
  void removingAnIndexThatDoesNotExistIsRefused() {
    int a = newItem("a");
    ArrayNode remove = Json.array();
    remove.addObject().put("op", "remove").put("path", "/relations/3");
    assertThat(update(http, a, remove, null).status()).isEqualTo(400);
  }

  @Test
  void dependencyLinksMirrorAsPredecessorAndSuccessor() {
    int a = newItem("first");
    int b = newItem("second");
    Http.Res r =
        update(
            http,
            a,
            addRelation(relation("System.LinkTypes.Dependency-Forward", itemUrl(emulator, b))),
            null);
    assertThat(r.status()).isEqualTo(200);
    JsonNode back = find(relations(b), "System.LinkTypes.Dependency-Reverse", a);
    assertThat(back).isNotNull();
    assertThat(back.path("attributes").path("name").asText()).isEqualTo("Predecessor");
  }

  @Test
  void hyperlinksAndAttachedFilesAreKept() {
    int a = newItem("links");
    ObjectNode link = relation("Hyperlink", "https://example.com/spec");
    link.putObject("attributes").put("comment", "the spec");
    Http.Res r = update(http, a, addRelation(link), null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    Http.Res upload =
        http.send(
            "POST",
            "Demo/_apis/wit/attachments?fileName=a.txt&api-version=7.1",
            "hello",
            "application/octet-stream");
    String url = upload.json().path("url").asText();
    ObjectNode file = relation("AttachedFile", url);
    file.putObject("attributes").put("comment", "log");
    Http.Res withFile = update(http, a, addRelation(file), null);
    assertThat(withFile.status()).as(withFile.body()).isEqualTo(200);
    JsonNode rels = withFile.json().path("relations");
    assertThat(rels.size()).isEqualTo(2);
    assertThat(rels.get(0).path("url").asText()).isEqualTo("https://example.com/spec");
    assertThat(rels.get(1).path("rel").asText()).isEqualTo("AttachedFile");
    // The service keeps an attachment's url without its ?fileName= query.
    assertThat(rels.get(1).path("url").asText()).isEqualTo(url.substring(0, url.indexOf('?')));
    assertThat(rels.get(1).path("attributes").path("name").asText()).isEqualTo("a.txt");
    assertThat(rels.get(1).path("attributes").path("comment").asText()).isEqualTo("log");
    assertThat(withFile.json().path("fields").path("System.HyperLinkCount").asInt()).isEqualTo(1);
    assertThat(withFile.json().path("fields").path("System.AttachedFileCount").asInt())
        .isEqualTo(1);
  }

  @Test
  void linksToMissingItemsUnknownTypesAndSelfAreRefused() {
    int a = newItem("a");
    Http.Res missing =
        update(
            http,
            a,
            addRelation(relation("System.LinkTypes.Related", itemUrl(emulator, 99999))),
            null);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().path("message").asText()).startsWith("TF401232");
    Http.Res type = update(http, a, addRelation(relation("Friends", itemUrl(emulator, a))), null);
    assertThat(type.status()).isEqualTo(400);
    Http.Res self =
        update(
            http, a, addRelation(relation("System.LinkTypes.Related", itemUrl(emulator, a))), null);
    assertThat(self.status()).isEqualTo(400);
  }

  @Test
  void relationAttributesCanBeReplacedByPath() {
    int a = newItem("a");
    int b = newItem("b");
    update(http, a, addRelation(relation("System.LinkTypes.Related", itemUrl(emulator, b))), null);
    ArrayNode p = Json.array();
    p.addObject()
        .put("op", "add")
        .put("path", "/relations/0/attributes/comment")
        .put("value", "see also");
    Http.Res r = update(http, a, p, null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().path("relations").get(0).path("attributes").path("comment").asText())
        .isEqualTo("see also");
    assertThat(
            find(relations(b), "System.LinkTypes.Related", a)
                .path("attributes")
                .path("comment")
                .asText())
        .isEqualTo("see also");
  }

  @Test
  void createCanCarryRelations() {
    int parent = newItem("parent");
    ArrayNode p = Wit.patch("add", "/fields/System.Title", "born linked");
    p.addObject()
        .put("op", "add")
        .put("path", "/relations/-")
        .set("value", relation("System.LinkTypes.Hierarchy-Reverse", itemUrl(emulator, parent)));
    Http.Res r = Wit.create(http, "Task", p, null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    int child = r.json().path("id").asInt();
    assertThat(find(relations(parent), "System.LinkTypes.Hierarchy-Forward", child)).isNotNull();
  }
}
