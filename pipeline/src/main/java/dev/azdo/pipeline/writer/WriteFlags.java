package dev.azdo.pipeline.writer;

/**
 * Flags sent with every write.
 *
 * @param bypassRules skip work item type rules (needs the "bypass rules" permission)
 * @param suppressNotifications send no e-mail notifications for the changes
 */
public record WriteFlags(boolean bypassRules, boolean suppressNotifications) {
  /** No flags. */
  public static final WriteFlags NONE = new WriteFlags(false, false);
}
