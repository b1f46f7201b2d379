package dev.azdo.emulator.model;

import java.util.Collection;

/** Finds team projects by name or id; provided by the core module. */
public interface ProjectDirectory {
  /** The project with this name or id (case-insensitive), or the service's 404 (VS800075...). */
  Project find(String nameOrId);

  /** The project with this name or id, or null. */
  Project findOrNull(String nameOrId);

  /** Every project that is not deleted. */
  Collection<Project> all();
}
