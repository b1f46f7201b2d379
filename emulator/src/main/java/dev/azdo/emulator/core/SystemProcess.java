package dev.azdo.emulator.core;

import java.util.Locale;

/** The four system processes every organization has, with the service's ids and descriptions. */
public enum SystemProcess {
  AGILE(
      "adcc42ab-9882-485e-a3ed-7678f01f66bc",
      "Agile",
      "This template is flexible and will work great for most teams using Agile planning"
          + " methods, including those practicing Scrum.",
      true),
  SCRUM(
      "6b724908-ef14-45cf-84f8-768b5384da45",
      "Scrum",
      "This template is for teams who follow the Scrum framework.",
      false),
  CMMI(
      "27450541-8e31-4150-9947-dc59f998fc01",
      "CMMI",
      "This template is for more formal projects requiring a framework for process improvement"
          + " and an auditable record of decisions.",
      false),
  BASIC(
      "b8a3a935-7e91-48b8-a94c-606d37c3e9f2",
      "Basic",
      "This template is flexible for any process and great for teams getting started with Azure"
          + " DevOps.",
      false);

  private final String id;
  private final String displayName;
  private final String description;
  private final boolean isDefault;

  SystemProcess(String id, String displayName, String description, boolean isDefault) {
    this.id = id;
    this.displayName = displayName;
    this.description = description;
    this.isDefault = isDefault;
  }

  /** The process id (templateTypeId) the service uses. */
  public String id() {
    return id;
  }

  /** The process name as the service shows it. */
  public String displayName() {
    return displayName;
  }

  /** The service's description of the process. */
  public String description() {
    return description;
  }

  /** True for the organization's default process (Agile). */
  public boolean isDefault() {
    return isDefault;
  }

  /** The process with this id or name (case-insensitive), or null. */
  public static SystemProcess find(String idOrName) {
    if (idOrName == null) {
      return null;
    }
    String k = idOrName.trim().toLowerCase(Locale.ROOT);
    for (SystemProcess p : values()) {
      if (p.id.equals(k) || p.displayName.toLowerCase(Locale.ROOT).equals(k)) {
        return p;
      }
    }
    return null;
  }
}
