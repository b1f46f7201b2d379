package dev.azdo.pipeline.mapping;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * People as the other tool names them mapped to Azure DevOps identities ({@code --identity-map
 * FILE.csv}: source name or e-mail, identity), for every identity field, and what happens to an
 * identity the map does not know ({@code --unknown-identity reject|clear|as=NAME}). Names and
 * e-mails match regardless of case, as the service matches identities. Immutable.
 */
public final class IdentityMap {
  /** What to do with an identity the map does not cover. */
  public enum Unknown {
    /** Reject the row, naming the identity (the default). */
    REJECT,
    /** Leave the field empty. */
    CLEAR,
    /** Write a fixed identity instead. */
    AS
  }

  private final Path file;
  private final Map<String, String> entries;
  private final Set<String> targets;
  private final Unknown unknown;
  private final String fallback;

  private IdentityMap(
      Path file, Map<String, String> entries, Set<String> targets, Unknown unknown, String as) {
    this.file = file;
    this.entries = entries;
    this.targets = targets;
    this.unknown = unknown;
    this.fallback = as;
  }

  /** Returns the policy with no map: identities go to the service as they are. */
  public static IdentityMap none() {
    return new IdentityMap(null, Map.of(), Set.of(), Unknown.REJECT, null);
  }

  /**
   * Returns the map read from a file (null: none) with the policy text {@code reject}, {@code
   * clear} or {@code as=NAME}.
   *
   * @throws IllegalArgumentException naming the file line or the option that is wrong
   */
  public static IdentityMap of(Path file, String policy) {
    String p = policy == null ? "reject" : policy.strip();
    Unknown unknown;
    String as = null;
    if (p.equalsIgnoreCase("reject")) {
      unknown = Unknown.REJECT;
    } else if (p.equalsIgnoreCase("clear")) {
      unknown = Unknown.CLEAR;
    } else if (p.toLowerCase(Locale.ROOT).startsWith("as=") && p.length() > 3) {
      unknown = Unknown.AS;
      as = p.substring(3).strip();
    } else {
      throw new IllegalArgumentException(
          "--unknown-identity: \"" + policy + "\" is not reject, clear or as=NAME");
    }
    if (file == null) {
      if (unknown != Unknown.REJECT) {
        throw new IllegalArgumentException(
            "--unknown-identity "
                + p
                + ": needs --identity-map FILE.csv, which says which identities are known");
      }
      return none();
    }
    Map<String, String> entries = new HashMap<>();
    Set<String> targets = new HashSet<>();
    for (Map.Entry<String, String> e : PairFile.read(file)) {
      entries.put(fold(e.getKey()), e.getValue().strip());
      targets.add(fold(e.getValue()));
    }
    if (as != null) {
      targets.add(fold(as));
    }
    return new IdentityMap(file, entries, targets, unknown, as);
  }

  /** Returns true when a map file is given. */
  public boolean isGiven() {
    return file != null;
  }

  /** Returns the plan line describing the map, or null without one. */
  String describe() {
    if (file == null) {
      return null;
    }
    return "identity map "
        + file.getFileName()
        + ": "
        + entries.size()
        + (entries.size() == 1 ? " person" : " people")
        + " for every identity field; unknown identities: "
        + switch (unknown) {
          case REJECT -> "rejected";
          case CLEAR -> "cleared";
          case AS -> "written as " + fallback;
        };
  }

  /** Returns a resolver that counts the unknown identities it meets, for one plan. */
  Resolver resolver() {
    return new Resolver();
  }

  private static String fold(String s) {
    return s.strip().toLowerCase(Locale.ROOT);
  }

  /** Resolves identity text through the map and counts the unknown ones. Not thread-safe. */
  final class Resolver {
    private final Map<String, Long> unknownSeen = new LinkedHashMap<>();

    /**
     * Returns the identity to write, or null to leave the field empty.
     *
     * @throws ConversionException for an unknown identity when the policy is reject
     */
    String resolve(String text) throws ConversionException {
      if (file == null) {
        return text;
      }
      String key = fold(text);
      String to = entries.get(key);
      if (to != null) {
        return to;
      }
      if (targets.contains(key)) {
        return text.strip();
      }
      unknownSeen.merge(text.strip(), 1L, Long::sum);
      return switch (unknown) {
        case CLEAR -> null;
        case AS -> fallback;
        case REJECT ->
            throw new ConversionException(
                "'"
                    + text.strip()
                    + "' is an unknown identity: it is not in the identity map "
                    + file.getFileName()
                    + "; add a line for it there, or use --unknown-identity clear or"
                    + " --unknown-identity as=NAME");
      };
    }

    /** Returns the summary line of unknown identities with their row counts, or null. */
    String unknownLine() {
      if (unknownSeen.isEmpty()) {
        return null;
      }
      List<String> parts = new ArrayList<>();
      unknownSeen.forEach(
          (who, n) -> parts.add("'" + who + "' " + n + (n == 1 ? " row" : " rows")));
      return "unknown identities ("
          + switch (unknown) {
            case REJECT -> "rows rejected";
            case CLEAR -> "fields cleared";
            case AS -> "written as " + fallback;
          }
          + "): "
          + String.join(", ", parts);
    }
  }
}
