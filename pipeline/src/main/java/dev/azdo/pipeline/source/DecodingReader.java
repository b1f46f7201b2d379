package dev.azdo.pipeline.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Decodes bytes with a decoder that reports bad input instead of silently replacing it: each byte
 * sequence that is not valid in the charset is remembered with its line and byte offset (and handed
 * on as U+FFFD so the parser above keeps its place), so the source can reject the row that holds it
 * rather than write replacement characters to Azure DevOps.
 */
final class DecodingReader extends Reader {
  /** The charset most often behind bytes that are not valid UTF-8: Windows' Western European. */
  static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  /**
   * A byte sequence the charset cannot decode.
   *
   * @param line the 1-based line it is on (line ends: CR LF, LF or CR)
   * @param byteOffset its 0-based offset in the file, counting any byte order mark
   * @param bytes the bad bytes
   */
  record BadBytes(long line, long byteOffset, byte[] bytes) {}

  private final InputStream in;
  private final Charset charset;
  private final CharsetDecoder decoder;
  private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
  private final CharBuffer chars = CharBuffer.allocate(1 << 16);
  private final ArrayDeque<BadBytes> bad = new ArrayDeque<>();
  // File offset of bytes[0]; grows as consumed bytes are compacted away.
  private long bufferStart;
  private long line = 1;
  private boolean lastWasCr;
  private boolean endOfInput;
  private boolean flushed;
  private boolean pendingReplacement;
  // Characters of the current buffer whose line ends are counted.
  private int counted;

  DecodingReader(InputStream in, Charset charset, long startOffset) {
    this.in = in;
    this.charset = charset;
    this.decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    this.bufferStart = startOffset;
    bytes.flip();
    chars.flip();
  }

  /** Returns the charset being decoded. */
  Charset charset() {
    return charset;
  }

  @Override
  public int read(char[] target, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (!chars.hasRemaining()) {
      if (flushed) {
        return -1;
      }
      fill();
    }
    int n = Math.min(len, chars.remaining());
    chars.get(target, off, n);
    return n;
  }

  private void fill() throws IOException {
    chars.clear();
    counted = 0;
    if (pendingReplacement) {
      chars.put('\uFFFD');
      pendingReplacement = false;
    }
    if (!endOfInput && bytes.remaining() < 16) {
      readMoreBytes();
    }
    while (chars.position() == 0 && !flushed) {
      CoderResult result = decoder.decode(bytes, chars, endOfInput);
      if (result.isError()) {
        long offset = bufferStart + bytes.position();
        byte[] sequence = new byte[result.length()];
        bytes.get(sequence);
        countLines(chars.position());
        bad.add(new BadBytes(line, offset, sequence));
        // The parser above still needs a character here to keep columns and quotes in place.
        if (chars.hasRemaining()) {
          chars.put('\uFFFD');
        } else {
          pendingReplacement = true;
          break;
        }
        continue;
      }
      if (result.isOverflow()) {
        break;
      }
      // Underflow: more bytes needed.
      if (endOfInput) {
        decoder.flush(chars);
        flushed = true;
      } else {
        readMoreBytes();
      }
    }
    countLines(chars.position());
    chars.flip();
  }

  // Counts line ends among the characters decoded since the last call, as CSV and JSON readers do.
  private void countLines(int upTo) {
    for (int i = counted; i < upTo; i++) {
      char c = chars.get(i);
      if (c == '\r') {
        line++;
      } else if (c == '\n' && !lastWasCr) {
        line++;
      }
      lastWasCr = c == '\r';
    }
    counted = upTo;
  }

  private void readMoreBytes() throws IOException {
    bufferStart += bytes.position();
    bytes.compact();
    int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
    if (n < 0) {
      endOfInput = true;
    } else {
      bytes.position(bytes.position() + n);
    }
    bytes.flip();
  }

  /** Removes and returns the bad byte sequences found on lines up to and including this one. */
  List<BadBytes> takeUpToLine(long lastLine) {
    List<BadBytes> found = new ArrayList<>();
    while (!bad.isEmpty() && bad.peek().line() <= lastLine) {
      found.add(bad.poll());
    }
    return found;
  }

  /**
   * Returns why the bytes are bad for this charset, with their offset and, when Windows-1252 would
   * read them, what they would read as and the option to say so.
   */
  String explain(BadBytes b) {
    StringBuilder hex = new StringBuilder();
    for (byte x : b.bytes()) {
      hex.append(hex.length() == 0 ? "" : " ").append("0x");
      hex.append(HexFormat.of().withUpperCase().toHexDigits(x));
    }
    String what = b.bytes().length == 1 ? "byte " + hex + " is" : "bytes " + hex + " are";
    String message =
        what + " not valid " + charset.name() + " (byte offset " + b.byteOffset() + ")";
    String hint = windows1252(b.bytes());
    return hint == null || charset.equals(WINDOWS_1252)
        ? message
        : message + "; use --encoding windows-1252? (it reads \"" + hint + "\")";
  }

  private static String windows1252(byte[] sequence) {
    try {
      return WINDOWS_1252
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(sequence))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
