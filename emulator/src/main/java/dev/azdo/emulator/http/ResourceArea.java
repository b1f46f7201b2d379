package dev.azdo.emulator.http;

/**
 * A resource area the emulator serves, with the id the service's {@code _apis/resourceAreas}
 * reports; the constants here are the one owner of the service's area ids, which modules register
 * their routes under.
 *
 * @param areaName the area's name as it appears in URLs and in OPTIONS answers
 * @param id the area's id in {@code _apis/resourceAreas}, or null when it has none
 */
public record ResourceArea(String areaName, String id) {
  /** The location service ({@code _apis/connectionData}, resource areas). */
  public static final ResourceArea LOCATION =
      new ResourceArea("Location", "00d9565f-c24c-4e11-a5d6-3c5c5e8d8aad");

  /** Projects, teams and processes. */
  public static final ResourceArea CORE =
      new ResourceArea("core", "79134c72-4a58-4b42-976c-04e7115f32bf");

  /** Work item tracking: work items, WIQL, fields, types, classification nodes, reporting. */
  public static final ResourceArea WIT =
      new ResourceArea("wit", "5264459e-e5e0-4bd8-b118-0985e68a4ec5");

  /** Team settings, iterations, field values and backlogs. */
  public static final ResourceArea WORK =
      new ResourceArea("work", "1d4f49f9-02b9-4e26-b826-2cdb6195f2a9");

  /** Identities. */
  public static final ResourceArea IMS =
      new ResourceArea("IMS", "8a3d49b8-91f0-46ef-b33d-dda338c25db3");

  /** Work item search. */
  public static final ResourceArea SEARCH =
      new ResourceArea("search", "ea48a0a1-269c-42d8-b8ad-ddc8fcdcf578");

  /** Long-running operations; no resource area id of its own, clients route it by location id. */
  public static final ResourceArea OPERATIONS = new ResourceArea("operations", null);
}
