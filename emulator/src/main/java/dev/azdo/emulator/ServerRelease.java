package dev.azdo.emulator;

import dev.azdo.emulator.http.ApiVersion;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which product the emulator plays: Azure DevOps Services (the default) or an Azure DevOps Server
 * release, each capped at the REST api-version it shipped with.
 */
public enum ServerRelease {
  /** Azure DevOps Services: an organization at /{org}, the newest api-versions. */
  SERVICES(null, ApiVersion.SERVER_MAX),
  /** Azure DevOps Server 2019: REST 5.0, no comments API (it came with 2019 Update 1, 5.1). */
  SERVER_2019("2019", new ApiVersion(5, 0, false, 0)),
  /** Azure DevOps Server 2020: REST 6.0. */
  SERVER_2020("2020", new ApiVersion(6, 0, false, 0)),
  /** Azure DevOps Server 2022: REST 7.0. */
  SERVER_2022("2022", new ApiVersion(7, 0, false, 0)),
  /** Azure DevOps Server 2022 Update 1: REST 7.1. */
  SERVER_2022_1("2022.1", new ApiVersion(7, 1, false, 0));

  /** The collection a Server install creates by default, served at /tfs/DefaultCollection. */
  public static final String DEFAULT_COLLECTION = "DefaultCollection";

  private final String flag;
  private final ApiVersion maxVersion;

  ServerRelease(String flag, ApiVersion maxVersion) {
    this.flag = flag;
    this.maxVersion = maxVersion;
  }

  /** Parses an `--server` value (2019, 2020, 2022, 2022.1); IllegalArgumentException otherwise. */
  public static ServerRelease parse(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    for (ServerRelease r : values()) {
      if (r.flag != null && r.flag.equals(v)) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "--server must be one of " + String.join(", ", flags()) + ", got " + value);
  }

  /** The `--server` values, oldest first. */
  public static List<String> flags() {
    return Arrays.stream(values()).filter(r -> r.flag != null).map(r -> r.flag).toList();
  }

  /** True for an Azure DevOps Server release (on-premises), false for Services. */
  public boolean onPremises() {
    return flag != null;
  }

  /** The `--server` value, or null for Services. */
  public String flag() {
    return flag;
  }

  /** The newest REST api-version this release serves. */
  public ApiVersion maxVersion() {
    return maxVersion;
  }

  /** The product name, e.g. "Azure DevOps Server 2020" or "Azure DevOps Services". */
  public String productName() {
    return onPremises() ? "Azure DevOps Server " + flag : "Azure DevOps Services";
  }

  /** The URL path segments of the organization (Services) or collection (Server). */
  public List<String> collectionPath(String org) {
    return onPremises() ? List.of("tfs", DEFAULT_COLLECTION) : List.of(org);
  }
}
