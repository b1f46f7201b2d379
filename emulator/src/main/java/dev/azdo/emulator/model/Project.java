package dev.azdo.emulator.model;

/**
 * A team project as the core area stores it. Immutable: change a copy made with the with-methods
 * and put it back through a store transaction.
 */
public record Project(
    String id,
    String name,
    String description,
    String state,
    String visibility,
    long revision,
    String processId,
    String defaultTeamId,
    String sourceControlType,
    String lastUpdateTime) {

  /** The state of a project that clients can use (created and not being deleted). */
  public static final String WELL_FORMED = "wellFormed";

  /** True when the project is fully created and not deleted or being deleted. */
  public boolean isWellFormed() {
    return WELL_FORMED.equals(state);
  }

  /** A copy with another name. */
  public Project withName(String newName) {
    return new Project(
        id,
        newName,
        description,
        state,
        visibility,
        revision,
        processId,
        defaultTeamId,
        sourceControlType,
        lastUpdateTime);
  }

  /** A copy with another description. */
  public Project withDescription(String newDescription) {
    return new Project(
        id,
        name,
        newDescription,
        state,
        visibility,
        revision,
        processId,
        defaultTeamId,
        sourceControlType,
        lastUpdateTime);
  }

  /** A copy with another visibility ("private" or "public"). */
  public Project withVisibility(String newVisibility) {
    return new Project(
        id,
        name,
        description,
        state,
        newVisibility,
        revision,
        processId,
        defaultTeamId,
        sourceControlType,
        lastUpdateTime);
  }

  /** A copy in another state, with a new revision and update time. */
  public Project withState(String newState, long newRevision, String updateTime) {
    return new Project(
        id,
        name,
        description,
        newState,
        visibility,
        newRevision,
        processId,
        defaultTeamId,
        sourceControlType,
        updateTime);
  }

  /** A copy with a new revision and update time, after a change. */
  public Project touched(long newRevision, String updateTime) {
    return withState(state, newRevision, updateTime);
  }
}
