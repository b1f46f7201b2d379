package dev.azdo.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Properties;

/**
 * Issue 14's insert benchmark on the driver's side: N new Tasks with the six fields of the import
 * benchmark's rows (bench/node/make-csv.js: Title, Description, Priority, RemainingWork, Tags,
 * AssignedTo) as one JDBC {@code executeBatch}, the way plain DriverManager code loads rows. Prints
 * {@code {"created":N,"seconds":S,"batchSeconds":B}}: S from before the connection is opened to
 * after the batch returns (as create-one-by-one.js times the Node client), B the batch alone.
 *
 * <p>Usage: {@code java -cp azdo-jdbc.jar:classes dev.azdo.bench.JdbcBatchInsert JDBC_URL PAT_FILE N}
 */
public final class JdbcBatchInsert {
  private static final String[] PEOPLE = {
    "alice@example.com", "bob@example.com", "carol@example.com", "dave@example.com"
  };
  private static final String[] THINGS = {
    "login page", "CSV export", "search results", "billing report", "user settings"
  };

  private JdbcBatchInsert() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    Properties p = new Properties();
    // The PAT is read from a file so it is never on the command line.
    p.setProperty("password", Files.readString(Path.of(args[1])).strip());
    int n = Integer.parseInt(args[2]);
    long started = System.nanoTime();
    int created = 0;
    long batchStarted;
    try (Connection c = DriverManager.getConnection(url, p);
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO WorkItems (WorkItemType, Title, Description, Priority, RemainingWork,"
                    + " Tags, AssignedToUniqueName) VALUES ('Task', ?, ?, ?, ?, ?, ?)")) {
      for (int i = 1; i <= n; i++) {
        String thing = THINGS[i % THINGS.length];
        ps.setString(1, "Speed up the " + thing + " (" + i + ")");
        ps.setString(2, "The " + thing + " is slow after the last release; measure and fix it.");
        ps.setInt(3, 1 + i % 4);
        ps.setDouble(4, (i % 16) / 2.0);
        ps.setString(5, i % 2 == 1 ? "bench; performance" : "bench");
        ps.setString(6, PEOPLE[i % PEOPLE.length]);
        ps.addBatch();
      }
      batchStarted = System.nanoTime();
      for (int count : ps.executeBatch()) {
        created += count;
      }
    }
    long done = System.nanoTime();
    System.out.printf(
        "{\"created\":%d,\"seconds\":%.2f,\"batchSeconds\":%.2f}%n",
        created, (done - started) / 1e9, (done - batchStarted) / 1e9);
  }
}
