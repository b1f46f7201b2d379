package dev.azdo.emulator.core;

/**
 * A queued project create, update or delete (table "operations", key = operation id); its status
 * moves queued, inProgress, succeeded with time and with each poll.
 *
 * @param kind "create", "update" or "delete"
 * @param stage 0 queued, 1 inProgress, 2 succeeded, 3 failed
 * @param createdMillis when it was queued, epoch milliseconds of the emulator's clock
 * @param name the new name of an update, or null
 * @param description the new description of an update, or null
 * @param visibility the new visibility of an update, or null
 */
public record ProjectOperation(
    String id,
    String kind,
    String projectId,
    int stage,
    long createdMillis,
    String resultMessage,
    String name,
    String description,
    String visibility) {

  static final int QUEUED = 0;
  static final int IN_PROGRESS = 1;
  static final int SUCCEEDED = 2;
  static final int FAILED = 3;

  /** True while the operation has not finished. */
  public boolean pending() {
    return stage < SUCCEEDED;
  }

  /** The OperationStatus name the service reports. */
  public String status() {
    return switch (stage) {
      case QUEUED -> "queued";
      case IN_PROGRESS -> "inProgress";
      case SUCCEEDED -> "succeeded";
      default -> "failed";
    };
  }

  /** A copy at another stage. */
  public ProjectOperation at(int newStage, String message) {
    return new ProjectOperation(
        id, kind, projectId, newStage, createdMillis, message, name, description, visibility);
  }
}
