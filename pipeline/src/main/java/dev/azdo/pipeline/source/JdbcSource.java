package dev.azdo.pipeline.source;

import dev.azdo.client.http.Redactor;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Streams the result of a SQL query from any JDBC driver on the classpath (H2 and SQLite are
 * bundled). The statement is forward-only with a fetch size, so rows arrive in pages instead of all
 * at once; dates and timestamps become ISO-8601 text, decimals plain text.
 */
public final class JdbcSource implements RowSource {
  /** Rows fetched per round trip unless set otherwise. */
  public static final int DEFAULT_FETCH_SIZE = 1000;

  private final String name;
  private final Connection connection;
  private final boolean ownsConnection;
  private final Statement statement;
  private final ResultSet results;
  private final SourceSchema schema;
  private final int[] sqlTypes;
  private long rowNumber;

  private JdbcSource(String name, Connection connection, boolean owns, String sql, int fetchSize) {
    this.name = name;
    this.connection = connection;
    this.ownsConnection = owns;
    Statement st = null;
    try {
      if (owns) {
        // PostgreSQL only honours the fetch size inside a transaction; the query only reads.
        connection.setAutoCommit(false);
      }
      st = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
      st.setFetchSize(fetchSize > 0 ? fetchSize : DEFAULT_FETCH_SIZE);
      this.statement = st;
      this.results = st.executeQuery(sql);
      ResultSetMetaData meta = results.getMetaData();
      List<String> columns = new ArrayList<>(meta.getColumnCount());
      this.sqlTypes = new int[meta.getColumnCount()];
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(meta.getColumnLabel(i));
        sqlTypes[i - 1] = meta.getColumnType(i);
      }
      this.schema = SourceSchema.of(columns);
    } catch (SQLException | SourceException e) {
      closeAll(st);
      throw new SourceException(name + ": query failed: " + oneLine(e.getMessage()), e);
    }
  }

  /** Connects with DriverManager and runs the query; the connection is closed with the source. */
  public static JdbcSource open(
      String url, String user, String password, String sql, int fetchSize) {
    String name = safeName(url);
    Connection connection;
    try {
      connection = DriverManager.getConnection(url, user, password);
    } catch (SQLException e) {
      String reason = oneLine(e.getMessage());
      if (password != null && !password.isEmpty()) {
        reason = reason.replace(password, "***");
      }
      throw new SourceException(name + ": cannot connect: " + reason, e);
    }
    return new JdbcSource(name, connection, true, sql, fetchSize);
  }

  /** Runs the query on a connection the caller owns and keeps open. */
  public static JdbcSource of(Connection connection, String sql, int fetchSize) {
    return new JdbcSource("query", connection, false, sql, fetchSize);
  }

  @Override
  public SourceSchema schema() {
    return schema;
  }

  @Override
  public SourceRow next() {
    try {
      if (!results.next()) {
        return null;
      }
      rowNumber++;
      String[] values = new String[sqlTypes.length];
      for (int i = 0; i < values.length; i++) {
        values[i] = text(results.getObject(i + 1));
      }
      return SourceRow.of(rowNumber, schema, values);
    } catch (SQLException e) {
      throw new SourceException(
          name + ": reading row " + (rowNumber + 1) + " failed: " + oneLine(e.getMessage()), e);
    }
  }

  private static String text(Object value) throws SQLException {
    if (value == null) {
      return null;
    }
    if (value instanceof String) {
      return (String) value;
    }
    if (value instanceof Timestamp) {
      return ((Timestamp) value).toLocalDateTime().toString();
    }
    if (value instanceof java.sql.Date) {
      return ((java.sql.Date) value).toLocalDate().toString();
    }
    if (value instanceof Time) {
      return ((Time) value).toLocalTime().toString();
    }
    if (value instanceof OffsetDateTime || value instanceof ZonedDateTime) {
      return value.toString();
    }
    if (value instanceof TemporalAccessor) {
      return value.toString();
    }
    if (value instanceof BigDecimal) {
      return ((BigDecimal) value).toPlainString();
    }
    if (value instanceof Clob) {
      try (Reader reader = ((Clob) value).getCharacterStream()) {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        int n;
        while ((n = reader.read(buffer)) > 0) {
          text.append(buffer, 0, n);
        }
        return text.toString();
      } catch (IOException e) {
        throw new SQLException("cannot read text column: " + e.getMessage(), e);
      }
    }
    if (value instanceof byte[]) {
      return Base64.getEncoder().encodeToString((byte[]) value);
    }
    return value.toString();
  }

  /**
   * The URL without what may carry credentials (query string, ;key=value properties,
   * user:password@), for naming the source in messages.
   */
  static String safeName(String url) {
    String name = url;
    for (char c : new char[] {'?', ';'}) {
      int cut = name.indexOf(c);
      if (cut >= 0) {
        name = name.substring(0, cut);
      }
    }
    return Redactor.redactJdbc(name);
  }

  private static String oneLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    String line = (newline >= 0 ? message.substring(0, newline) : message).strip();
    // Drivers repeat the URL they were given ("No suitable driver found for jdbc:..."); its
    // credentials must not reach the user's screen.
    return Redactor.redactJdbc(line);
  }

  @Override
  public String describe() {
    return name;
  }

  @Override
  public void close() {
    closeAll(statement);
  }

  private void closeAll(Statement st) {
    try {
      if (st != null) {
        st.close();
      }
    } catch (SQLException e) {
      // Closing after a read cannot lose data.
    }
    if (ownsConnection) {
      try {
        if (!connection.getAutoCommit()) {
          connection.rollback();
        }
        connection.close();
      } catch (SQLException e) {
        // Closing after a read cannot lose data.
      }
    }
  }
}
