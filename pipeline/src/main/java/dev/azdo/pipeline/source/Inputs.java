package dev.azdo.pipeline.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** Opens text input honouring a byte order mark, which overrides the configured charset. */
final class Inputs {
  private static final Charset UTF_32LE = Charset.forName("UTF-32LE");
  private static final Charset UTF_32BE = Charset.forName("UTF-32BE");

  private Inputs() {}

  /**
   * Returns a reader that skips a UTF-8, UTF-16 or UTF-32 BOM and decodes with the charset it names
   * (else the fallback), remembering bytes the charset cannot decode instead of replacing them.
   */
  static DecodingReader reader(InputStream raw, Charset fallback) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(4);
    int b0 = in.read();
    int b1 = in.read();
    int b2 = in.read();
    int b3 = in.read();
    Charset charset = fallback;
    int skip = 0;
    if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
      charset = StandardCharsets.UTF_8;
      skip = 3;
    } else if (b0 == 0xFF && b1 == 0xFE && b2 == 0 && b3 == 0) {
      // Checked before UTF-16LE, whose BOM is this one's first two bytes.
      charset = UTF_32LE;
      skip = 4;
    } else if (b0 == 0 && b1 == 0 && b2 == 0xFE && b3 == 0xFF) {
      charset = UTF_32BE;
      skip = 4;
    } else if (b0 == 0xFF && b1 == 0xFE) {
      charset = StandardCharsets.UTF_16LE;
      skip = 2;
    } else if (b0 == 0xFE && b1 == 0xFF) {
      charset = StandardCharsets.UTF_16BE;
      skip = 2;
    }
    in.reset();
    in.skipNBytes(skip);
    return new DecodingReader(in, charset, skip);
  }
}
