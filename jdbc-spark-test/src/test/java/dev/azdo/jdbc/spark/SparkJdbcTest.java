package dev.azdo.jdbc.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.reporting.BulkLoad;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Spark in local mode reads and writes WorkItems through the self-contained driver jar (on the
 * classpath as {@code --jars} would put it) against the emulator over HTTP, as a Spark user would:
 * {@code spark.read.format("jdbc")} with partitions over Id, and {@code write.jdbc} in append mode.
 */
class SparkJdbcTest {
  private static final String PAT = "emulator-pat";
  private static final String DRIVER = "dev.azdo.jdbc.AzdoDriver";
  private static final int COUNT = 40;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Emulator emulator;
  private static List<Integer> ids;
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    emulator = Emulator.startDefault();
    ids = BulkLoad.seed(emulator, "Demo", COUNT, Instant.parse("2024-01-01T00:00:00Z"), 0);
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("azdo-jdbc-test")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "1")
            .getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
    emulator.close();
  }

  @BeforeEach
  void clearLog() throws Exception {
    control("DELETE", "requests");
  }

  private static String url() {
    return "jdbc:azdo:" + emulator.url() + ";project=Demo";
  }

  // A JDBC read through the driver, as a Spark user writes it.
  private static DataFrameReader reader() {
    return spark
        .read()
        .format("jdbc")
        .option("driver", DRIVER)
        .option("url", url())
        .option("password", PAT);
  }

  @Test
  void aPartitionedReadSendsOneRangeQueryPerPartitionAndReturnsEveryItemOnce() throws Exception {
    Dataset<Row> df =
        reader()
            .option("dbtable", "WorkItems")
            .option("partitionColumn", "Id")
            .option("lowerBound", ids.get(0))
            .option("upperBound", ids.get(COUNT - 1) + 1)
            .option("numPartitions", 4)
            .load()
            .select("Id", "Title", "State");
    assertThat(df.rdd().getNumPartitions()).isEqualTo(4);
    List<Row> rows = df.collectAsList();
    List<Integer> got = new ArrayList<>();
    for (Row r : rows) {
      got.add(r.getInt(0));
      if (ids.contains(r.getInt(0))) {
        assertThat(r.getString(1)).isEqualTo("Item " + r.getInt(0));
      }
    }
    // Every item once: the first and last partitions are open-ended, so items another test
    // wrote come back too.
    assertThat(got).doesNotHaveDuplicates().containsAll(ids);
    assertThat((long) got.size()).isEqualTo(counts().path("workItems").asLong());
    List<String> wiql = wiql();
    assertThat(wiql).hasSize(4).allMatch(w -> w.contains("[System.Id] "));
    assertThat(wiql.stream().filter(w -> w.contains("[System.Id] >=")).count()).isEqualTo(3);
    assertThat(wiql.stream().filter(w -> w.contains("[System.Id] <")).count()).isEqualTo(3);
  }

  @Test
  void aFilterIsPushedIntoWiql() throws Exception {
    Dataset<Row> active =
        reader().option("dbtable", "WorkItems").load().where("State = 'Active'").select("Id");
    // Item i is Active when i % 3 == 1.
    assertThat(active.count()).isEqualTo(COUNT / 3);
    assertThat(wiql()).anyMatch(w -> w.contains("[System.State] = 'Active'"));
  }

  @Test
  void anAppendFromTwoPartitionsCreatesEveryRowInBatchesOf200PerPartition() throws Exception {
    long before = counts().path("workItems").asLong();
    // Two partitions of 450 and 550 rows, which local[2] writes at once, each through its own
    // connection and its own executeBatch.
    Dataset<Row> rows =
        spark
            .range(0, 450, 1, 1)
            .union(spark.range(450, 1000, 1, 1))
            .selectExpr(
                "'Task' AS WorkItemType",
                "concat('spark ', id) AS Title",
                "CAST(1 + id % 4 AS INT) AS Priority");
    assertThat(rows.rdd().getNumPartitions()).isEqualTo(2);
    Properties p = new Properties();
    p.setProperty("driver", DRIVER);
    p.setProperty("password", PAT);
    rows.write().mode(SaveMode.Append).jdbc(url(), "WorkItems", p);
    assertThat(counts().path("workItems").asLong() - before).isEqualTo(1000);
    // Each partition's rows are one executeBatch on its own connection, so one import run:
    // calls of 200 rows after the client's rate pacer has probed with one call of 40 (the
    // emulator, like the service below 5% of the budget, sends no X-RateLimit headers, and the
    // pacer sends full calls only once 40 operations went through unmetered). So a partition of
    // n rows takes 1 + ceil((n - 40) / 200) calls, not ceil(n / 200): 4 + 4 here, not 3 + 3.
    List<Integer> expected = new ArrayList<>();
    for (int n : new int[] {450, 550}) {
      expected.add(40);
      for (int left = n - 40; left > 0; left -= 200) {
        expected.add(Math.min(200, left));
      }
    }
    assertThat(batchSizes()).containsExactlyInAnyOrderElementsOf(expected);
    long written =
        reader()
            .option("query", "SELECT Id FROM WorkItems WHERE Title LIKE 'spark %'")
            .load()
            .count();
    assertThat(written).isEqualTo(1000);
  }

  // The work item operations of each $batch call, in the order the emulator answered them.
  private static List<Integer> batchSizes() throws Exception {
    List<Integer> out = new ArrayList<>();
    for (JsonNode e : requests()) {
      if (e.path("method").asText().equals("POST") && e.path("path").asText().endsWith("/$batch")) {
        out.add(e.path("operations").asInt());
      }
    }
    return out;
  }

  private static JsonNode counts() throws Exception {
    return JSON.readTree(control("GET", "counts"));
  }

  private static List<String> wiql() throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode e : requests()) {
      if (e.path("path").asText().endsWith("/wiql") && e.hasNonNull("wiql")) {
        out.add(e.get("wiql").asText());
      }
    }
    return out;
  }

  private static JsonNode requests() throws Exception {
    return JSON.readTree(control("GET", "requests?top=10000")).path("value");
  }

  private static String control(String method, String path) throws Exception {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(emulator.rootUrl() + "/_emulator/" + path))
            .header("Authorization", "Bearer " + emulator.config().adminToken())
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    HttpResponse<String> resp =
        HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString());
    if (resp.statusCode() >= 300) {
      throw new IllegalStateException("control API " + path + ": " + resp.statusCode());
    }
    return resp.body();
  }
}
