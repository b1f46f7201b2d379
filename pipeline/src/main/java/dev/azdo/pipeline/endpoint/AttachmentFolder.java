package dev.azdo.pipeline.endpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The one folder add-attachment reads files from: a row's File resolves under it, and a path that
 * leaves it (absolute, through {@code ..} or a symbolic link) or a file over the service's size
 * limit rejects the row, so data can never make the import upload another file of the user's.
 */
public final class AttachmentFolder {
  /**
   * Azure DevOps Services takes attachments of at most 60 MB ("Attachment size: 60 MB" in
   * Microsoft's work tracking limits); larger uploads are refused with TF237082.
   */
  public static final long MAX_BYTES = 60L * 1024 * 1024;

  private final Path base;
  private final String origin;

  private AttachmentFolder(Path base, String origin) {
    this.base = base;
    this.origin = origin;
  }

  /**
   * Opens the folder: {@code --attachments-dir} when given, else the source file's folder (the
   * working directory for queries and generated rows).
   *
   * @param given the folder given with --attachments-dir, or null
   * @param sourceFolder the source file's folder, or null when the source is not a file
   * @return the folder, or null with a problem added when the given folder is not one
   */
  static AttachmentFolder open(Path given, Path sourceFolder, List<String> problems) {
    Path dir = given != null ? given : sourceFolder != null ? sourceFolder : Path.of("");
    String origin =
        given != null
            ? "--attachments-dir"
            : sourceFolder != null ? "the source file's folder" : "the working directory";
    try {
      Path real = dir.toAbsolutePath().toRealPath();
      if (Files.isDirectory(real)) {
        return new AttachmentFolder(real, origin);
      }
    } catch (IOException e) {
      // Reported below, like a file that is not a folder.
    }
    problems.add(
        (given != null ? "--attachments-dir: " : "attachments folder: ")
            + "\""
            + dir
            + "\" is not an existing folder");
    return null;
  }

  /** Returns the folder's real path. */
  public Path base() {
    return base;
  }

  /**
   * Returns the real path of the file a row names, checked to lie under the folder and to be within
   * the service's size limit.
   *
   * @throws RowRejected on the File input, naming the path as given and the folder
   */
  public Path resolve(String given) {
    Path named;
    try {
      named = Path.of(given);
    } catch (InvalidPathException e) {
      throw new RowRejected("File", "file \"" + given + "\" is not a path: " + e.getReason());
    }
    Path file = base.resolve(named).normalize();
    if (!file.startsWith(base)) {
      throw outside(
          given,
          named.isAbsolute()
              ? "is an absolute path outside the attachments folder"
              : "leaves the attachments folder through ..");
    }
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new RowRejected("File", "file \"" + given + "\" does not exist");
    }
    Path real;
    try {
      real = file.toRealPath();
    } catch (IOException e) {
      // A link whose target is missing.
      throw new RowRejected("File", "file \"" + given + "\" does not exist");
    }
    if (!real.startsWith(base)) {
      throw outside(given, "is a link to " + real + ", outside the attachments folder");
    }
    if (!Files.isRegularFile(real)) {
      throw new RowRejected("File", "file \"" + given + "\" is not a regular file");
    }
    long size;
    try {
      size = Files.size(real);
    } catch (IOException e) {
      throw new RowRejected("File", "cannot read \"" + given + "\": " + e.getMessage());
    }
    if (size > MAX_BYTES) {
      throw new RowRejected(
          "File",
          "file \""
              + given
              + "\" is "
              + String.format(Locale.ROOT, "%,d", size)
              + " bytes, over the service's attachment limit of 60 MB ("
              + String.format(Locale.ROOT, "%,d", MAX_BYTES)
              + " bytes)");
    }
    return real;
  }

  private RowRejected outside(String given, String what) {
    return new RowRejected(
        "File",
        "file \""
            + given
            + "\" "
            + what
            + " "
            + base
            + " ("
            + origin
            + "); add-attachment reads only files under it (--attachments-dir DIR names another)");
  }
}
