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
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
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
            .master("local[1]")
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
      assertThat(r.getString(1)).isEqualTo("Item " + r.getInt(0));
    }
    assertThat(got).containsExactlyInAnyOrderElementsOf(ids);
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
  void anAppendWritesEveryRowInBatchesOf200() throws Exception {
    int n = 600;
    List<Row> data = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      data.add(RowFactory.create("Task", "spark " + i, 1 + i % 4));
    }
    StructType schema =
        new StructType()
            .add("WorkItemType", DataTypes.StringType)
            .add("Title", DataTypes.StringType)
            .add("Priority", DataTypes.IntegerType);
    Properties p = new Properties();
    p.setProperty("driver", DRIVER);
    p.setProperty("password", PAT);
    spark
        .createDataFrame(data, schema)
        .coalesce(1)
        .write()
        .mode(SaveMode.Append)
        .jdbc(url(), "WorkItems", p);
    // Batches of 200; until the service has shown whether it limits this identity, the client's
    // rate pacer sends the first one or two calls as a small probe (20 rows), so at most two
    // more calls than 600 / 200.
    assertThat(calls("POST", "/$batch"))
        .isBetween((long) (n + 199) / 200, (long) (n + 199) / 200 + 2);
    long written =
        reader()
            .option("query", "SELECT Id FROM WorkItems WHERE Title LIKE 'spark %'")
            .load()
            .count();
    assertThat(written).isEqualTo(n);
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

  private static long calls(String method, String pathSuffix) throws Exception {
    long n = 0;
    for (JsonNode e : requests()) {
      if (e.path("method").asText().equals(method)
          && e.path("path").asText().endsWith(pathSuffix)) {
        n++;
      }
    }
    return n;
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
