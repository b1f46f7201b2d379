package dev.azdo.client;

/**
 * Flags for work item writes.
 *
 * @param validateOnly check the change without saving it
 * @param bypassRules skip work item type rules (needs the bypass permission)
 * @param suppressNotifications send no e-mail notifications
 */
public record WriteOptions(
    boolean validateOnly, boolean bypassRules, boolean suppressNotifications) {
  /** No flags. */
  public static final WriteOptions NONE = new WriteOptions(false, false, false);

  /** Returns the query string part, starting with {@code &} or empty. */
  String query() {
    StringBuilder sb = new StringBuilder();
    if (validateOnly) {
      sb.append("&validateOnly=true");
    }
    if (bypassRules) {
      sb.append("&bypassRules=true");
    }
    if (suppressNotifications) {
      sb.append("&suppressNotifications=true");
    }
    return sb.toString();
  }
}
