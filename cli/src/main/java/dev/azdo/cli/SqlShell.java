package dev.azdo.cli;

import dev.azdo.jdbc.AzdoDriver;
import dev.azdo.jdbc.DriverOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.apache.commons.io.output.WriterOutputStream;
import sqlline.SqlLine;

/**
 * The {@code azdo sql} prompt: sqlline (history, {@code !tables}, {@code !describe}, {@code
 * !primarykeys}, output formats) on a connection opened with the CLI's settings. sqlline connects
 * by URL, so the settings wait under a random in-process URL ({@code jdbc:azdo-cli:ID}) that only
 * this process's session driver answers: no PAT ever appears in a URL, a prompt or the history.
 * Input that is not a terminal (a pipe, a file) is read line by line without terminal control
 * codes.
 */
final class SqlShell {
  private static final String PREFIX = "jdbc:azdo-cli:";
  private static final Map<String, DriverOptions> SESSIONS = new ConcurrentHashMap<>();

  static {
    try {
      DriverManager.registerDriver(new SessionDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private SqlShell() {}

  /**
   * Runs a session until {@code !quit} or the end of the input.
   *
   * @param in the statements when not read from the terminal (null: the terminal, with history)
   * @return true when sqlline ended without error
   */
  static boolean run(DriverOptions options, InputStream in, PrintWriter out, PrintWriter err)
      throws IOException {
    String id = UUID.randomUUID().toString();
    SESSIONS.put(id, options);
    Path script = null;
    try (OutputStream o = stream(out);
        OutputStream e = stream(err)) {
      SqlLine sqlline = new SqlLine();
      sqlline.setOutputStream(o);
      sqlline.setErrorStream(e);
      String[] args = {
        "-u",
        PREFIX + id,
        "-n",
        "",
        "-p",
        "",
        "-nn",
        "azdo",
        "--isolation=TRANSACTION_NONE",
        "--showTypes=false",
        "--color=false",
        // A pipe has no width: tables would wrap at 80 columns.
        "--maxWidth=" + (in == null ? 0 : 10_000)
      };
      InputStream console = in;
      if (in != null) {
        // Not a terminal: sqlline runs the input as a script (as -f does), with no line editor
        // to echo it or send terminal control codes.
        script =
            Files.createTempFile(
                "azdo-sql-",
                ".sql",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(script, untilQuit(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        args = Arrays.copyOf(args, args.length + 3);
        args[args.length - 3] = "--silent=true";
        // A bad statement is reported and the session goes on, as at the prompt.
        args[args.length - 2] = "--force=true";
        args[args.length - 1] = "--run=" + script;
        console = new ByteArrayInputStream(new byte[0]);
      }
      SqlLine.Status s = sqlline.begin(args, console, in == null);
      out.flush();
      err.flush();
      return s == SqlLine.Status.OK;
    } finally {
      SESSIONS.remove(id);
      if (script != null) {
        Files.deleteIfExists(script);
      }
    }
  }

  // A script goes on after !quit (each line then says there is no connection): it ends there.
  private static String untilQuit(String input) {
    StringBuilder b = new StringBuilder();
    for (String line : input.split("\n", -1)) {
      String t = line.strip().toLowerCase(java.util.Locale.ROOT);
      if (t.equals("!quit") || t.equals("!q") || t.equals("!exit")) {
        break;
      }
      b.append(line).append('\n');
    }
    return b.toString();
  }

  private static OutputStream stream(PrintWriter w) throws IOException {
    return WriterOutputStream.builder()
        .setWriter(w)
        .setCharset(StandardCharsets.UTF_8)
        .setWriteImmediately(true)
        .get();
  }

  /** Answers this process's session URLs with the settings waiting under them. */
  private static final class SessionDriver implements Driver {
    @Override
    public Connection connect(String url, Properties info) throws SQLException {
      if (!acceptsURL(url)) {
        return null;
      }
      DriverOptions o = SESSIONS.get(url.substring(PREFIX.length()));
      if (o == null) {
        throw new SQLException("No azdo sql session " + url, "08001");
      }
      return AzdoDriver.connect(o);
    }

    @Override
    public boolean acceptsURL(String url) {
      return url != null && url.startsWith(PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
      return new DriverPropertyInfo[0];
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
      return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException("no logging");
    }
  }
}
