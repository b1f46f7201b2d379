package dev.azdo.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.azdo.emulator.Emulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** The emulator's request log (`/_emulator/requests`), read and cleared through its control API. */
final class EmulatorRequests {
  private EmulatorRequests() {}

  /** The calls the emulator answered since the log was last cleared, oldest first. */
  static List<JsonNode> seen(Emulator emulator) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(emulator.rootUrl() + "/_emulator/requests?top=10000"))
                    .header("Authorization", "Bearer " + emulator.config().adminToken())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    List<JsonNode> out = new ArrayList<>();
    new ObjectMapper().readTree(r.body()).path("value").forEach(out::add);
    return out;
  }

  /** Empties the log. */
  static void clear(Emulator emulator) throws Exception {
    HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(emulator.rootUrl() + "/_emulator/requests"))
                .header("Authorization", "Bearer " + emulator.config().adminToken())
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.discarding());
  }
}
