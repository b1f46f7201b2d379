package dev.azdo.pipeline.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * An output file written under a temporary name beside its final one ({@code NAME.part}) and moved
 * into place only when complete, so a failed run never leaves half a file under the final name. A
 * kept part file can be cut back to a checkpoint and continued.
 */
public final class PartFile implements AutoCloseable {
  private final Path target;
  private final Path part;
  private final FileChannel channel;
  private final OutputStream out;
  private boolean done;

  private PartFile(Path target, long resumeAt) throws IOException {
    this.target = target.toAbsolutePath();
    this.part = partOf(this.target);
    Path dir = this.part.getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    if (resumeAt > 0 && Files.exists(part) && Files.size(part) >= resumeAt) {
      channel = FileChannel.open(part, StandardOpenOption.WRITE);
      // Bytes after the checkpoint belong to a chunk whose checkpoint was never written.
      channel.truncate(resumeAt);
      channel.position(resumeAt);
    } else {
      channel =
          FileChannel.open(
              part,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING);
    }
    this.out = Channels.newOutputStream(channel);
  }

  /** Starts a new part file for a target, replacing any earlier part. */
  public static PartFile create(Path target) throws IOException {
    return new PartFile(target, 0);
  }

  /** Continues a kept part file from a checkpoint's byte position (0: starts over). */
  public static PartFile resume(Path target, long position) throws IOException {
    return new PartFile(target, position);
  }

  /** The temporary name of a target: {@code NAME.part} beside it. */
  public static Path partOf(Path target) {
    Path abs = target.toAbsolutePath();
    return abs.resolveSibling(abs.getFileName() + ".part");
  }

  /** The stream to write to; buffer it, and flush before {@link #position}. */
  public OutputStream stream() {
    return out;
  }

  /** The bytes written so far (after the caller flushed its buffers). */
  public long position() throws IOException {
    return channel.position();
  }

  /** Tells whether the part file already holds bytes from an earlier run. */
  public boolean resumed() throws IOException {
    return channel.position() > 0;
  }

  /** Forces the bytes to disk, so a checkpoint written after it never points past them. */
  public void sync() throws IOException {
    channel.force(false);
  }

  /** Closes the part file and moves it to the final name, replacing what was there. */
  public void commit() throws IOException {
    channel.force(false);
    channel.close();
    try {
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (java.nio.file.AtomicMoveNotSupportedException e) {
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
    }
    done = true;
  }

  /** Closes without moving; the part file stays for a resume. */
  @Override
  public void close() throws IOException {
    if (!done && channel.isOpen()) {
      channel.close();
    }
  }

  /** Closes and deletes the part file. */
  public void discard() throws IOException {
    close();
    Files.deleteIfExists(part);
  }
}
