package dev.azdo.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.client.ConnectionSettings;
import dev.azdo.jdbc.AzdoDriver;
import dev.azdo.jdbc.DriverOptions;
import dev.azdo.pipeline.export.RowFormat;
import dev.azdo.pipeline.export.RowWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `azdo sql ["SELECT ..."]`: SQL through the JDBC driver, once or at a prompt. */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description =
        "Runs SQL through the JDBC driver (one schema per project; tables WorkItems,"
            + " WorkItemLinks, Comments, Revisions, Projects, Teams, Areas, Iterations, Fields,"
            + " WorkItemTypes, Processes). Filters on work item fields become WIQL. Without SQL,"
            + " opens sqlline: end statements with ';'; !tables, !describe TABLE, !primarykeys"
            + " TABLE, !outputformat csv, !history, !help; !quit leaves. Statements piped in run"
            + " the same way.",
    footer = {
      "",
      "Examples:",
      "  azdo sql \"SELECT Id, Title FROM WorkItems WHERE State = 'Active'\" --project Fabrikam",
      "  azdo sql \"SELECT Name, Path FROM Areas\" --format csv --out areas.csv",
      "  azdo sql --org-url http://127.0.0.1:8080/demo --project Demo"
    })
final class SqlCommand implements Callable<Integer>, NeedsConnection {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "SQL",
      description = "The statement; none opens the prompt.")
  String sql;

  @Mixin OutputOptions output;

  @Override
  public Integer call() throws Exception {
    RowFormat f = output.rowFormat();
    if (sql == null && output.out != null) {
      throw new UsageException("--out: needs a statement (the prompt prints to the terminal)");
    }
    ConnectionSettings settings = ConnectionFlags.resolve(spec, spec.commandLine().getErr());
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DriverOptions options = new DriverOptions(settings, false, false, false);
    try (Connection c = AzdoDriver.connect(options)) {
      if (sql == null) {
        c.close();
        // sqlline reads the terminal itself; anything else (a pipe, a file) comes as a stream.
        InputStream in = System.console() != null ? null : System.in;
        return SqlShell.run(options, in, stdout, err) ? Main.OK : Main.FAILURE;
      }
      output.reportWritten(run(c, sql, f, output.out, stdout), err);
      return Main.OK;
    } catch (SQLException e) {
      throw new UsageException("sql: " + Errors.oneLine(rootOf(e)));
    }
  }

  private static long run(Connection c, String statement, RowFormat f, Path out, PrintWriter stdout)
      throws SQLException, IOException {
    try (Statement st = c.createStatement()) {
      if (!st.execute(statement)) {
        stdout.println(
            st.getUpdateCount() + (st.getUpdateCount() == 1 ? " row" : " rows") + " changed");
        stdout.flush();
        return st.getUpdateCount();
      }
      try (ResultSet rs = st.getResultSet()) {
        return ReadSupport.write(f, out, stdout, w -> write(rs, w));
      }
    }
  }

  /** Writes a result set through the query command's writers; returns the row count. */
  static long write(ResultSet rs, RowWriter w) throws IOException {
    try {
      ResultSetMetaData md = rs.getMetaData();
      int n = md.getColumnCount();
      List<String> names = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        names.add(md.getColumnLabel(i));
      }
      w.header(names);
      long rows = 0;
      while (rs.next()) {
        List<String> values = new ArrayList<>(n);
        ObjectNode raw = JSON.createObjectNode();
        for (int i = 1; i <= n; i++) {
          Object v = rs.getObject(i);
          String text = text(v, md.getColumnType(i));
          values.add(text == null ? "" : text);
          if (v == null) {
            raw.putNull(names.get(i - 1));
          } else if (v instanceof Number || v instanceof Boolean) {
            raw.set(names.get(i - 1), JSON.valueToTree(v));
          } else {
            raw.put(names.get(i - 1), text);
          }
        }
        w.row(values, raw);
        rows++;
      }
      w.finish();
      return rows;
    } catch (SQLException e) {
      throw new IOException(Errors.oneLine(rootOf(e)), e);
    }
  }

  // Timestamps as ISO 8601 in UTC, the form the rest of azdo prints.
  private static String text(Object v, int type) {
    if (v == null) {
      return null;
    }
    if (v instanceof Timestamp t && type == Types.TIMESTAMP) {
      return t.toLocalDateTime().toString() + "Z";
    }
    return v.toString();
  }

  // Calcite wraps the reason ("Column 'X' not found", the service's answer) in generic layers.
  private static Throwable rootOf(Throwable e) {
    Throwable cur = e;
    while (cur.getCause() != null && cur.getCause() != cur) {
      cur = cur.getCause();
    }
    return cur.getMessage() == null ? e : cur;
  }
}
