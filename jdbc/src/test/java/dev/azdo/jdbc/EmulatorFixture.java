package dev.azdo.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.reporting.BulkLoad;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** An in-process emulator with seeded work items, and a reader of its request log. */
final class EmulatorFixture implements AutoCloseable {
  static final String PAT = "emulator-pat";
  private static final ObjectMapper JSON = new ObjectMapper();

  final Emulator emulator;
  final List<Integer> ids;

  /** Starts an emulator whose Demo project holds {@code count} items (every 5th a parent). */
  EmulatorFixture(int count) {
    emulator = Emulator.startDefault();
    ids = BulkLoad.seed(emulator, "Demo", count, Instant.parse("2024-01-01T00:00:00Z"), 5);
  }

  /** The driver URL for the Demo project. */
  String url() {
    return "jdbc:azuredevops:" + emulator.url() + ";project=Demo";
  }

  /** A connection through DriverManager with the PAT as the password property. */
  Connection connect() throws SQLException {
    Properties p = new Properties();
    p.setProperty("password", PAT);
    return DriverManager.getConnection(url(), p);
  }

  /** Runs a query and returns its rows, each column as text. */
  static List<List<String>> rows(Connection c, String sql) throws SQLException {
    List<List<String>> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getString(i));
        }
        out.add(row);
      }
    }
    return out;
  }

  /** Forgets the requests seen so far. */
  void clearLog() throws Exception {
    control("DELETE", "requests");
  }

  /** The WIQL texts the emulator received since the last clear, oldest first. */
  List<String> wiql() throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode e : requests()) {
      if (e.path("path").asText().endsWith("/wiql") && e.hasNonNull("wiql")) {
        out.add(e.get("wiql").asText());
      }
    }
    return out;
  }

  /** How many requests went to paths ending with the suffix since the last clear. */
  long calls(String method, String pathSuffix) throws Exception {
    long n = 0;
    for (JsonNode e : requests()) {
      if (e.path("method").asText().equals(method)
          && e.path("path").asText().endsWith(pathSuffix)) {
        n++;
      }
    }
    return n;
  }

  /** The requests the emulator logged since the last clear, oldest first. */
  JsonNode requests() throws Exception {
    return JSON.readTree(control("GET", "requests?top=10000")).path("value");
  }

  private String control(String method, String path) throws Exception {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(emulator.rootUrl() + "/_emulator/" + path))
            .header("Authorization", "Bearer emulator-admin")
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    HttpResponse<String> resp =
        HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString());
    if (resp.statusCode() >= 300) {
      throw new IllegalStateException("control API " + path + ": " + resp.statusCode());
    }
    return resp.body();
  }

  @Override
  public void close() {
    emulator.close();
  }
}
