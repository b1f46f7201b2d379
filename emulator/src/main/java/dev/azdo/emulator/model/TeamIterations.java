package dev.azdo.emulator.model;

import java.util.List;

/** The iterations a team works in (its sprints); provided by the work area. */
public interface TeamIterations {
  /** Node ids of the team's iterations, or null when the team keeps the default (every one). */
  List<Integer> iterationIds(String teamId);
}
