package dev.azdo.jdbc;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.AzdoException;
import dev.azdo.client.Project;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;

/**
 * The JDBC driver: {@code jdbc:azuredevops:ORG_URL[;key=value]...} or {@code jdbc:azdo:...} opens a
 * Calcite connection whose schemas are the organization's projects (the URL's project is the
 * default schema) and whose tables read and write work items through the client.
 */
public final class AzdoDriver implements Driver {
  static {
    try {
      DriverManager.registerDriver(new AzdoDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Creates the driver; DriverManager finds it through META-INF/services. */
  public AzdoDriver() {}

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null; // JDBC: another driver's URL
    }
    return connect(DriverOptions.parse(JdbcUrl.settings(url, info), System.getenv()));
  }

  /** Opens a connection with settings already parsed (the CLI's, for one). */
  public static Connection connect(DriverOptions options) throws SQLException {
    AzdoClient client = AzdoClient.create(options.connection());
    try {
      return open(client, options);
    } catch (SQLException | RuntimeException e) {
      client.close();
      throw e;
    }
  }

  private static Connection open(AzdoClient client, DriverOptions options) throws SQLException {
    List<Project> projects;
    try {
      projects = client.listAllProjects();
    } catch (AzdoException e) {
      throw new SQLException("Cannot open the connection: " + e.getMessage(), "08001", e);
    }
    Properties calcite = new Properties();
    // Identifiers as written (Title, WorkItems), matched in any case; "..." quotes.
    calcite.setProperty("caseSensitive", "false");
    calcite.setProperty("unquotedCasing", "UNCHANGED");
    calcite.setProperty("quotedCasing", "UNCHANGED");
    calcite.setProperty("quoting", "DOUBLE_QUOTE");
    calcite.setProperty("timeZone", "UTC");
    Connection c =
        new org.apache.calcite.jdbc.Driver()
            .withPrepareFactory(AzdoPrepare::new)
            .connect("jdbc:calcite:", calcite);
    CalciteConnection cc = c.unwrap(CalciteConnection.class);
    SchemaPlus root = cc.getRootSchema();
    StatementWrites writes = new StatementWrites();
    AzdoContext ctx = new AzdoContext(client, options, writes);
    for (Project p : projects) {
      root.add(p.name(), new ProjectSchema(ctx, p.name()));
    }
    String project = options.connection().project().orElse(null);
    if (project != null) {
      String match =
          projects.stream()
              .map(Project::name)
              .filter(n -> n.equalsIgnoreCase(project) || idOf(projects, n).equals(project))
              .findFirst()
              .orElseThrow(
                  () ->
                      new SQLException(
                          "project: no project named '" + project + "' in the organization",
                          "08001"));
      cc.setSchema(match);
    } else if (!projects.isEmpty()) {
      cc.setSchema(projects.get(0).name());
    }
    return DriverConnection.wrap(c, writes, client);
  }

  private static String idOf(List<Project> projects, String name) {
    return projects.stream()
        .filter(p -> p.name().equals(name))
        .map(Project::id)
        .findFirst()
        .orElse("");
  }

  @Override
  public boolean acceptsURL(String url) {
    return JdbcUrl.accepts(url);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    List<DriverPropertyInfo> out = new java.util.ArrayList<>();
    for (var k : dev.azdo.client.ConnectionConfig.keys()) {
      DriverPropertyInfo p = new DriverPropertyInfo(k.name(), null);
      p.description = k.doc();
      out.add(p);
    }
    for (String w : DriverOptions.WRITE_KEYS) {
      DriverPropertyInfo p = new DriverPropertyInfo(w, "false");
      p.description = "Work item writes: " + w.toLowerCase(Locale.ROOT);
      p.choices = new String[] {"true", "false"};
      out.add(p);
    }
    return out.toArray(new DriverPropertyInfo[0]);
  }

  @Override
  public int getMajorVersion() {
    return 0;
  }

  @Override
  public int getMinorVersion() {
    return 1;
  }

  @Override
  public boolean jdbcCompliant() {
    return false; // SQL over a work tracking service, not a full SQL database
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("The driver logs through SLF4J");
  }

  /** The settings a URL and properties stand for, validated (for tools that build their own). */
  public static DriverOptions options(String url, Properties info) throws SQLException {
    Map<String, String> raw = JdbcUrl.settings(url, info);
    return DriverOptions.parse(raw, System.getenv());
  }
}
