package dev.azdo.pipeline.source;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates N realistic work item rows from a seed, like the seed tool's Dummy Data Source: the
 * same seed always gives the same rows. Columns: Key, Title, Description (multi-line), State,
 * Priority, Severity, Tags, AssignedTo, CreatedDate, DueDate, StoryPoints.
 */
public final class DummyDataSource implements RowSource {
  /** The columns every generated row has. */
  public static final SourceSchema SCHEMA =
      SourceSchema.of(
          "Key",
          "Title",
          "Description",
          "State",
          "Priority",
          "Severity",
          "Tags",
          "AssignedTo",
          "CreatedDate",
          "DueDate",
          "StoryPoints");

  /** Default assignees: the emulator's seeded users; pass the people of a real organization. */
  public static final List<String> DEFAULT_ASSIGNEES =
      List.of(
          "Alice Admin <alice@example.com>",
          "Bob Builder <bob@example.com>",
          "Carol Chen <carol@example.com>",
          "Dave Diaz <dave@example.com>",
          "Erin Evans <erin@example.com>",
          "");

  private static final String[] VERBS = {
    "Fix", "Improve", "Investigate", "Add", "Remove", "Refactor", "Document", "Speed up"
  };
  private static final String[] THINGS = {
    "login page", "export to CSV", "search results", "billing report", "user settings",
    "notification emails", "dashboard widgets", "API pagination", "audit log", "file upload"
  };
  private static final String[] PROBLEMS = {
    "times out for large accounts",
    "shows the wrong totals",
    "fails on Safari",
    "ignores the time zone",
    "is slow after the last release",
    "loses the selected filter"
  };
  private static final String[] STATES = {"New", "Active", "Resolved", "Closed"};
  private static final String[] SEVERITIES = {"1 - Critical", "2 - High", "3 - Medium", "4 - Low"};
  private static final String[] TAGS = {
    "backend", "frontend", "performance", "security", "customer", "regression", "ux", "api"
  };
  private static final LocalDate EPOCH = LocalDate.of(2024, 1, 1);
  // Created dates are EPOCH + 0..364 days, due dates 7..66 days later: formatted once, as
  // LocalDate.toString and String.format were most of a dry run's time (see BENCHMARKS.md).
  private static final String[] DATES = new String[365 + 66];
  private static final String[] NUMBERS = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"};
  private static final String[] STORY_POINTS = {"1", "2", "3", "5", "8", "13"};

  static {
    for (int i = 0; i < DATES.length; i++) {
      DATES[i] = EPOCH.plusDays(i).toString();
    }
  }

  private final long rows;
  private final SplittableRandom random;
  private final List<String> assignees;
  private long rowNumber;

  private DummyDataSource(long rows, long seed, List<String> assignees) {
    if (rows < 0) {
      throw new IllegalArgumentException("rows must be >= 0, was " + rows);
    }
    if (assignees.isEmpty()) {
      throw new IllegalArgumentException("assignees must not be empty; use \"\" for unassigned");
    }
    this.rows = rows;
    this.random = new SplittableRandom(seed);
    this.assignees = List.copyOf(assignees);
  }

  /** Returns a generator of the given number of rows from a seed, with the default assignees. */
  public static DummyDataSource of(long rows, long seed) {
    return new DummyDataSource(rows, seed, DEFAULT_ASSIGNEES);
  }

  /** Returns a generator that assigns rows to the given people ("" leaves a row unassigned). */
  public static DummyDataSource of(long rows, long seed, List<String> assignees) {
    return new DummyDataSource(rows, seed, assignees);
  }

  @Override
  public SourceSchema schema() {
    return SCHEMA;
  }

  @Override
  public SourceRow next() {
    if (rowNumber >= rows) {
      return null;
    }
    rowNumber++;
    String thing = pick(THINGS);
    String title = pick(VERBS) + " " + thing;
    String description =
        "The "
            + thing
            + " "
            + pick(PROBLEMS)
            + ".\nSteps: open the "
            + thing
            + " and repeat the action "
            + (2 + random.nextInt(5))
            + " times.\nExpected: it works every time.";
    int tagCount = random.nextInt(3);
    StringBuilder tags = new StringBuilder();
    for (int i = 0; i < tagCount; i++) {
      String tag = pick(TAGS);
      if (tags.indexOf(tag) < 0) {
        tags.append(tags.length() > 0 ? "; " : "").append(tag);
      }
    }
    int created = random.nextInt(365);
    int due = created + 7 + random.nextInt(60);
    return SourceRow.of(
        rowNumber,
        SCHEMA,
        key(rowNumber),
        title,
        description,
        pick(STATES),
        NUMBERS[1 + random.nextInt(4)],
        pick(SEVERITIES),
        tags.toString(),
        assignees.get(random.nextInt(assignees.size())),
        DATES[created],
        DATES[due],
        STORY_POINTS[random.nextInt(6)]);
  }

  /** Returns {@code String.format("D-%06d", row)} without the formatter's cost. */
  static String key(long row) {
    String digits = Long.toString(row);
    return digits.length() >= 6
        ? "D-" + digits
        : "D-" + "000000".substring(digits.length()) + digits;
  }

  private String pick(String[] choices) {
    return choices[random.nextInt(choices.length)];
  }

  @Override
  public String describe() {
    return "dummy data (" + rows + " rows)";
  }

  @Override
  public void close() {
    // Nothing to release: rows are generated on demand.
  }
}
