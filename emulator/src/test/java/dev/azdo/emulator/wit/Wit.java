package dev.azdo.emulator.wit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.Http;
import dev.azdo.emulator.http.Json;

/** Helpers for work item tests: patch documents and quick creates over real HTTP. */
final class Wit {
  static final String V = "api-version=7.1";

  private Wit() {}

  /** A patch document built from (op, path, value) triples. */
  static ArrayNode patch(Object... opPathValue) {
    ArrayNode a = Json.array();
    for (int i = 0; i < opPathValue.length; i += 3) {
      ObjectNode op = a.addObject();
      op.put("op", (String) opPathValue[i]);
      op.put("path", (String) opPathValue[i + 1]);
      op.set("value", Json.tree(opPathValue[i + 2]));
    }
    return a;
  }

  /** A relation value for /relations/-. */
  static ObjectNode relation(String rel, String url) {
    ObjectNode r = Json.object();
    r.put("rel", rel);
    r.put("url", url);
    return r;
  }

  static String itemUrl(Emulator e, int id) {
    return e.url() + "/_apis/wit/workItems/" + id;
  }

  /** POSTs a create and returns the response. */
  static Http.Res create(Http http, String type, ArrayNode patch, String query) {
    return http.send(
        "POST",
        "Demo/_apis/wit/workitems/$"
            + type.replace(" ", "%20")
            + "?"
            + V
            + (query == null ? "" : "&" + query),
        patch,
        "application/json-patch+json");
  }

  /** Creates a work item with a title and returns its JSON, failing the test otherwise. */
  static JsonNode createOk(Http http, String type, String title) {
    Http.Res r = create(http, type, patch("add", "/fields/System.Title", title), null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  static Http.Res update(Http http, int id, ArrayNode patch, String query) {
    return http.patch(
        "_apis/wit/workitems/" + id + "?" + V + (query == null ? "" : "&" + query), patch);
  }

  static Http.Res get(Http http, int id, String query) {
    return http.get("_apis/wit/workitems/" + id + "?" + V + (query == null ? "" : "&" + query));
  }
}
