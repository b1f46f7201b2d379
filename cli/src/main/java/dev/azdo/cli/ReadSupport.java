package dev.azdo.cli;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.AzdoException;
import dev.azdo.client.ConnectionSettings;
import dev.azdo.client.http.Sleeper;
import dev.azdo.client.http.TrafficStats;
import dev.azdo.pipeline.export.PartFile;
import dev.azdo.pipeline.export.RowFormat;
import dev.azdo.pipeline.export.RowWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What the read commands share: the client, the output format and file, service errors. */
final class ReadSupport {
  private ReadSupport() {}

  /** A client over the command's connection options, counting retries, waits and its pace. */
  static AzdoClient client(ConnectionSettings settings, TrafficStats stats) {
    AzdoClient client =
        AzdoClient.builder(settings)
            .addInterceptor(stats.calls())
            .addNetworkInterceptor(stats.attempts())
            .sleeper(stats.sleeper(Sleeper.SYSTEM))
            .build();
    stats.watch(client.pacer());
    return client;
  }

  /** The format from --format, else from the --out file's extension, else a table. */
  static RowFormat format(String format, Path out, List<RowFormat> allowed, RowFormat dflt) {
    if (format != null) {
      return RowFormat.parse("--format", format, allowed);
    }
    if (out != null) {
      String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
      for (RowFormat f : allowed) {
        if (f != RowFormat.TABLE && name.endsWith("." + f.label())) {
          return f;
        }
      }
      return RowFormat.CSV;
    }
    return dflt;
  }

  /** Writes rows to --out atomically (part file, then move) or to stdout. */
  interface Rows {
    long write(RowWriter w) throws IOException;
  }

  /** Opens the output, lets rows be written, and moves the file into place when all went well. */
  static long write(RowFormat format, Path out, PrintWriter stdout, Rows rows) throws IOException {
    if (out == null) {
      if (format == RowFormat.XLSX) {
        throw new UsageException("--format xlsx: needs --out FILE");
      }
      stdout.flush();
      OutputStream raw = new PrintStreamOut(stdout);
      RowWriter w = RowWriter.open(format, raw, false, terminalWidth());
      long n = rows.write(w);
      raw.flush();
      return n;
    }
    PartFile part = PartFile.create(out);
    boolean ok = false;
    try {
      RowWriter w = RowWriter.open(format, part.stream(), false, terminalWidth());
      long n = rows.write(w);
      w.flush();
      part.commit();
      ok = true;
      return n;
    } finally {
      if (!ok) {
        part.discard();
      }
    }
  }

  /** Turns a service's refusal of the request (bad WIQL, unknown field) into a usage error. */
  static RuntimeException serviceError(AzdoException e) {
    if (e.kind() == AzdoException.Kind.INVALID || e.kind() == AzdoException.Kind.NOT_FOUND) {
      return new UsageException(Errors.oneLine(e));
    }
    return e;
  }

  /** The terminal's width from COLUMNS, else 120. */
  static int terminalWidth() {
    try {
      String c = System.getenv("COLUMNS");
      return c == null ? 120 : Math.max(40, Integer.parseInt(c.strip()));
    } catch (NumberFormatException e) {
      return 120;
    }
  }

  /** Bytes to the command's stdout writer, decoded as UTF-8. */
  private static final class PrintStreamOut extends OutputStream {
    private final PrintWriter out;
    private final java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();

    PrintStreamOut(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void write(int b) {
      buf.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      buf.write(b, off, len);
      if (buf.size() > 1 << 16) {
        emit(false);
      }
    }

    @Override
    public void flush() {
      emit(true);
    }

    // Cuts at the last newline (a byte never inside a UTF-8 sequence) unless everything is asked.
    private void emit(boolean all) {
      byte[] bytes = buf.toByteArray();
      int cut = bytes.length;
      if (!all) {
        while (cut > 0 && bytes[cut - 1] != '\n') {
          cut--;
        }
      }
      out.write(new String(bytes, 0, cut, java.nio.charset.StandardCharsets.UTF_8));
      out.flush();
      buf.reset();
      buf.write(bytes, cut, bytes.length - cut);
    }
  }
}
