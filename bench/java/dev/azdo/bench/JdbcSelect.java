package dev.azdo.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

/**
 * Issue 14's selectivity benchmark on the driver's side, in one JVM: opens a connection, then runs
 * the query R times on it, reading every row. Prints one line per run, {@code rows seconds}: the
 * first from before the connection opens (the driver's first use: schema, Calcite planning, code
 * generation), the others the query alone on a warm driver, as a long-lived tool (DBeaver, Spark)
 * runs it.
 *
 * <p>Usage: {@code java -cp azdo.jar:classes dev.azdo.bench.JdbcSelect JDBC_URL PAT_FILE SQL R}
 */
public final class JdbcSelect {
  private JdbcSelect() {}

  public static void main(String[] args) throws Exception {
    Properties p = new Properties();
    // The PAT is read from a file so it is never on the command line.
    p.setProperty("password", Files.readString(Path.of(args[1])).strip());
    int repeats = Integer.parseInt(args[3]);
    long started = System.nanoTime();
    try (Connection c = DriverManager.getConnection(args[0], p)) {
      for (int r = 0; r < repeats; r++) {
        int rows = 0;
        try (Statement st = c.createStatement();
            ResultSet rs = st.executeQuery(args[2])) {
          while (rs.next()) {
            rs.getString(2);
            rows++;
          }
        }
        long now = System.nanoTime();
        System.out.printf("%d %.2f%n", rows, (now - started) / 1e9);
        started = now;
      }
    }
  }
}
