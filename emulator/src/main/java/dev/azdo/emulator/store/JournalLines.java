package dev.azdo.emulator.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Splits a journal or snapshot into its lines as bytes, of any length, and counts them. */
final class JournalLines {
  private final InputStream in;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int len;
  private long number;
  private boolean eof;

  JournalLines(InputStream in) {
    this.in = in;
  }

  /** The next line without its newline, or null after the last one. */
  byte[] next() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    boolean any = false;
    while (true) {
      if (pos == len && !fill()) {
        if (!any) {
          return null;
        }
        number++;
        return line.toByteArray();
      }
      any = true;
      for (int i = pos; i < len; i++) {
        if (buf[i] == '\n') {
          line.write(buf, pos, i - pos);
          pos = i + 1;
          number++;
          return line.toByteArray();
        }
      }
      line.write(buf, pos, len - pos);
      pos = len;
    }
  }

  /** The 1-based number of the line {@link #next} returned last. */
  long number() {
    return number;
  }

  /** True when nothing but blank space follows the line returned last. */
  boolean atEnd() throws IOException {
    while (true) {
      for (; pos < len; pos++) {
        byte b = buf[pos];
        if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
          return false;
        }
      }
      if (!fill()) {
        return true;
      }
    }
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int n = in.read(buf);
    if (n <= 0) {
      eof = true;
      return false;
    }
    pos = 0;
    len = n;
    return true;
  }
}
