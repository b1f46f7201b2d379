package dev.azdo.emulator.store;

import java.nio.file.Path;

/** Another emulator holds the lock of the data directory; its message is the one line to print. */
public final class DataDirectoryInUseException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  DataDirectoryInUseException(Path dir, String holder) {
    super("the data folder " + dir + " is in use by another emulator (" + holder + ")");
  }
}
