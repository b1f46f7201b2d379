package dev.azdo.emulator.core;

import dev.azdo.emulator.model.Project;
import java.util.List;

/** Finds the teams of a project; provided by the core module to WIQL and the work area. */
public interface TeamDirectory {
  /** The team with this name or id; the project's default team for null; null when unknown. */
  Team team(Project project, String nameOrId);

  /** The project's teams, by name. */
  List<Team> teams(Project project);
}
