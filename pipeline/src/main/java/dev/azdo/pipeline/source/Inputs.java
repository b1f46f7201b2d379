package dev.azdo.pipeline.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** Opens text input honouring a byte order mark, which overrides the configured charset. */
final class Inputs {
  private Inputs() {}

  /** Returns a reader that skips a UTF-8 or UTF-16 BOM and decodes with the charset it names. */
  static Reader reader(InputStream raw, Charset fallback) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(3);
    int b0 = in.read();
    int b1 = in.read();
    int b2 = in.read();
    Charset charset = fallback;
    int skip = 0;
    if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
      charset = StandardCharsets.UTF_8;
      skip = 3;
    } else if (b0 == 0xFF && b1 == 0xFE) {
      charset = StandardCharsets.UTF_16LE;
      skip = 2;
    } else if (b0 == 0xFE && b1 == 0xFF) {
      charset = StandardCharsets.UTF_16BE;
      skip = 2;
    }
    in.reset();
    in.skipNBytes(skip);
    return new InputStreamReader(in, charset);
  }
}
