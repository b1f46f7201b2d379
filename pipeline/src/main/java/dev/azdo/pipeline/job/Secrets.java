package dev.azdo.pipeline.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resolves secret references (env:NAME, file:PATH) at the moment they are used. */
final class Secrets {
  private Secrets() {}

  /** True when the text is a reference rather than a literal secret. */
  static boolean isReference(String text) {
    return text != null && (text.startsWith("env:") || text.startsWith("file:"));
  }

  /** Returns the secret a reference points to, or the text itself; null stays null. */
  static String resolve(String text) {
    if (text == null) {
      return null;
    }
    if (text.startsWith("env:")) {
      String v = System.getenv(text.substring(4));
      if (v == null) {
        throw new JobException(
            java.util.List.of("environment variable " + text.substring(4) + " is not set"));
      }
      return v;
    }
    if (text.startsWith("file:")) {
      try {
        return Files.readAllLines(Path.of(text.substring(5))).stream()
            .findFirst()
            .orElse("")
            .strip();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read secret file " + text.substring(5), e);
      }
    }
    return text;
  }
}
