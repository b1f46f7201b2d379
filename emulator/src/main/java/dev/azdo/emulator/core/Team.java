package dev.azdo.emulator.core;

import java.util.List;

/**
 * A team of a project as the core area stores it (table "teams", key = team id); immutable.
 *
 * @param memberIds identity ids of the members, in the order they joined
 * @param adminIds identity ids of the members who administer the team
 */
public record Team(
    String id,
    String projectId,
    String name,
    String description,
    List<String> memberIds,
    List<String> adminIds) {

  /** A copy with another name and description. */
  public Team renamed(String newName, String newDescription) {
    return new Team(id, projectId, newName, newDescription, memberIds, adminIds);
  }
}
