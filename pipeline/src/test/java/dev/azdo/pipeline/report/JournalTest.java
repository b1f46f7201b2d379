package dev.azdo.pipeline.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  @TempDir Path dir;

  @Test
  void guidIdsAndAnsweredRefusalsAreReadBackWithoutLeavingTheRowPending() throws IOException {
    Path file = dir.resolve("teams.journal");
    try (Journal journal = Journal.open(file)) {
      journal.sent("create-team:row 1", 1);
      journal.written("create-team:row 1", 1, "0f8fad5b-d9cb-469f-a165-70867728950e");
      journal.sent("create-team:row 2", 2);
      journal.rejected("create-team:row 2", 2);
      journal.sent("create-team:row 3", 3);
    }
    assertThat(Files.readAllLines(file))
        .contains(
            "{\"key\":\"create-team:row 1\",\"row\":1,"
                + "\"id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"state\":\"written\"}",
            "{\"key\":\"create-team:row 2\",\"row\":2,\"state\":\"rejected\"}");
    try (Journal again = Journal.open(file)) {
      assertThat(again.writtenRef("create-team:row 1"))
          .isEqualTo("0f8fad5b-d9cb-469f-a165-70867728950e");
      assertThat(again.writtenId("create-team:row 1")).isNull();
      assertThat(again.isPending("create-team:row 2")).isFalse();
      assertThat(again.writtenRef("create-team:row 2")).isNull();
      assertThat(again.isPending("create-team:row 3")).isTrue();
    }
  }

  @Test
  void anotherImportsWrittenIdsAreReadWithoutTouchingItsFile() throws IOException {
    Path file = dir.resolve("bugs.journal");
    String text =
        "{\"key\":\"BUG-1\",\"row\":1,\"state\":\"sent\"}\n"
            + "{\"key\":\"BUG-1\",\"row\":1,\"id\":7,\"state\":\"written\"}\n"
            + "{\"key\":\"BUG-2\",\"row\":2,\"state\":\"sent\"}\n"
            + "{\"key\":\"BUG-3\",\"ro";
    Files.writeString(file, text);

    assertThat(Journal.readWrittenIds(file)).containsExactly(java.util.Map.entry("BUG-1", 7));
    assertThat(Files.readString(file)).isEqualTo(text);
  }

  @Test
  void entriesAreOnDiskAsSoonAsRecordedAndReadBackOnRestart() throws IOException {
    Path file = dir.resolve("run.journal");
    try (Journal journal = Journal.open(file)) {
      journal.sent("B-1", 1);
      journal.written("B-1", 1, 101);
      journal.sent("B-2", 2);
      assertThat(Files.readAllLines(file))
          .containsExactly(
              "{\"key\":\"B-1\",\"row\":1,\"state\":\"sent\"}",
              "{\"key\":\"B-1\",\"row\":1,\"id\":101,\"state\":\"written\"}",
              "{\"key\":\"B-2\",\"row\":2,\"state\":\"sent\"}");
    }
    try (Journal again = Journal.open(file)) {
      assertThat(again.writtenId("B-1")).isEqualTo(101);
      assertThat(again.isPending("B-1")).isFalse();
      assertThat(again.isPending("B-2")).isTrue();
      assertThat(again.writtenId("B-2")).isNull();
      again.written("B-2", 2, 102);
    }
    try (Journal third = Journal.open(file)) {
      assertThat(third.writtenCount()).isEqualTo(2);
      assertThat(third.isPending("B-2")).isFalse();
    }
  }

  @Test
  void tornLastLineFromACrashIsIgnoredAndTheNextEntryStartsOnItsOwnLine() throws IOException {
    Path file = dir.resolve("torn.journal");
    Files.writeString(
        file,
        "{\"key\":\"A\",\"row\":1,\"id\":7,\"state\":\"written\"}\n{\"key\":\"B\",\"ro",
        StandardCharsets.UTF_8);
    try (Journal journal = Journal.open(file)) {
      assertThat(journal.writtenId("A")).isEqualTo(7);
      assertThat(journal.isPending("B")).isFalse();
      journal.written("C", 3, 9);
    }
    try (Journal again = Journal.open(file)) {
      assertThat(again.writtenId("C")).isEqualTo(9);
    }
  }

  @Test
  void damageInTheMiddleIsOneClearError() throws IOException {
    Path file = dir.resolve("bad.journal");
    Files.writeString(file, "garbage\n{\"key\":\"A\",\"row\":1,\"id\":7,\"state\":\"written\"}\n");
    assertThatThrownBy(() -> Journal.open(file))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageStartingWith("cannot use journal " + file + ": line 1 is damaged");
  }

  @Test
  void keysWithQuotesAndNewlinesSurviveTheRoundTrip() throws IOException {
    Path file = dir.resolve("odd.journal");
    try (Journal journal = Journal.open(file)) {
      journal.written("a \"b\"\nc", 1, 5);
      journal.sync();
    }
    Files.writeString(file, "", StandardOpenOption.APPEND);
    try (Journal again = Journal.open(file)) {
      assertThat(again.writtenId("a \"b\"\nc")).isEqualTo(5);
    }
  }

  @Test
  void aJournalBelongsToTheTargetItWasStartedFor() {
    Path file = dir.resolve("bugs.journal");
    String emulator = Journal.targetOf(java.net.URI.create("http://127.0.0.1:41000/demo/"), "Demo");
    try (Journal journal = Journal.open(file, emulator)) {
      journal.written("B-1", 1, 7);
    }
    // The embedded emulator gets a new port each run but keeps its data: the same target.
    String samePlace = Journal.targetOf(java.net.URI.create("http://127.0.0.1:42999/demo"), "demo");
    assertThat(samePlace).isEqualTo(emulator);
    try (Journal again = Journal.open(file, samePlace)) {
      assertThat(again.writtenId("B-1")).isEqualTo(7);
    }
    String real = Journal.targetOf(java.net.URI.create("https://dev.azure.com/fabrikam"), "Demo");
    assertThatThrownBy(() -> Journal.open(file, real))
        .isInstanceOf(JournalMismatchException.class)
        .hasMessageContaining("records writes to http://127.0.0.1/demo|demo")
        .hasMessageContaining("not https://dev.azure.com/fabrikam|demo");
  }

  @Test
  void aJournalWrittenBeforeTargetsWereRecordedStillResumes() throws IOException {
    Path file = dir.resolve("old.journal");
    Files.writeString(file, "{\"key\":\"K1\",\"row\":1,\"id\":3,\"state\":\"written\"}\n");
    try (Journal journal =
        Journal.open(file, Journal.targetOf(java.net.URI.create("https://dev.azure.com/x"), "P"))) {
      assertThat(journal.writtenId("K1")).isEqualTo(3);
    }
    assertThat(Files.readAllLines(file)).hasSize(1);
  }
}
