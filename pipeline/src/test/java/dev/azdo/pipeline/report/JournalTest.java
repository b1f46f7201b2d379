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

  private static JournalIdentity identity(String url, String source) {
    return new JournalIdentity(
        JournalIdentity.targetOf(java.net.URI.create(url)), "Demo", "create-workitem", source);
  }

  @Test
  void aJournalBelongsToOneTargetWithItsPortProjectEndpointAndSource() {
    Path file = dir.resolve("bugs.journal");
    JournalIdentity first = identity("http://127.0.0.1:41000/demo/", "file /data/bugs.csv");
    try (Journal journal = Journal.open(file, first)) {
      journal.written("B-1", 1, "7", "d1");
    }
    try (Journal again =
        Journal.open(file, identity("http://127.0.0.1:41000/Demo", "file /data/bugs.csv"))) {
      assertThat(again.done("B-1")).isEqualTo(new Journal.Done("7", "d1"));
    }
    // Another emulator on another port holds other items: resuming from this journal would skip
    // rows never written there.
    JournalIdentity otherPort = identity("http://127.0.0.1:42999/demo", "file /data/bugs.csv");
    assertThatThrownBy(() -> Journal.open(file, otherPort))
        .isInstanceOf(JournalMismatchException.class)
        .hasMessageContaining("belongs to target http://127.0.0.1:41000/demo")
        .hasMessageContaining("not to this run's target http://127.0.0.1:42999/demo");
    JournalIdentity otherSource = identity("http://127.0.0.1:41000/demo", "file /data/bugs.ndjson");
    assertThatThrownBy(() -> Journal.open(file, otherSource))
        .isInstanceOf(JournalMismatchException.class)
        .hasMessageContaining("source file /data/bugs.ndjson");
    assertThat(first.fileTag())
        .isNotEqualTo(otherPort.fileTag())
        .isNotEqualTo(otherSource.fileTag());
  }

  @Test
  void aSecondRunOnTheSameJournalIsRefusedAtOnceNamingItAndWritesNothing() throws IOException {
    Path file = dir.resolve("busy.journal");
    JournalIdentity id = identity("https://dev.azure.com/x", "dummy rows 3 seed 1");
    try (Journal journal = Journal.open(file, id)) {
      journal.written("K1", 1, "3", "d");
      byte[] before = Files.readAllBytes(file);
      assertThatThrownBy(() -> Journal.open(file, id))
          .isInstanceOf(JournalLockedException.class)
          .hasMessageContaining("journal " + file + " is in use by another run")
          .hasMessageContaining("(process " + ProcessHandle.current().pid() + ")");
      assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }
    try (Journal after = Journal.open(file, id)) {
      assertThat(after.writtenId("K1")).isEqualTo(3);
    }
  }

  @Test
  void keysWithSeparatorsAreStoredAndLookedUpExactly() {
    Path file = dir.resolve("keys.journal");
    try (Journal journal = Journal.open(file)) {
      journal.written("A;B", 1, "1", "x");
      journal.written("caf\u00e9 \"q\"", 2, "2", "y");
    }
    try (Journal again = Journal.open(file)) {
      assertThat(again.done("A")).isNull();
      assertThat(again.writtenId("A;B")).isEqualTo(1);
      assertThat(again.writtenId("caf\u00e9 \"q\"")).isEqualTo(2);
    }
  }

  @Test
  void aJournalWithoutAnIdentityIsRefusedRatherThanTrusted() throws IOException {
    Path file = dir.resolve("old.journal");
    Files.writeString(file, "{\"key\":\"K1\",\"row\":1,\"id\":3,\"state\":\"written\"}\n");
    assertThatThrownBy(() -> Journal.open(file, identity("https://dev.azure.com/x", "s")))
        .isInstanceOf(JournalMismatchException.class)
        .hasMessageStartingWith("journal " + file + " was written by an earlier version of azdo")
        .hasMessageContaining("move it aside (mv '" + file + "' '" + file + ".old')")
        .hasMessageEndingWith(
            "run again with --no-resume (job option resume: false), which looks every --key up"
                + " before creating, so rows it wrote are not created twice");
    assertThat(Files.readAllLines(file)).hasSize(1);
  }
}
