package dev.azdo.emulator.realism;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.emulator.Http;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.http.ResourceArea;
import dev.azdo.emulator.store.Table;
import dev.azdo.emulator.store.TableKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data directory as a crash leaves it: a copy taken while the emulator runs is what a kill -9
 * leaves behind, and a torn last line (half a transaction, half a UTF-8 character) is ignored.
 */
class JournalTest {
  private static final TableKey<Note> JOURNAL_TEST_NOTES =
      new TableKey<>("journalTestNotes", Note.class);

  private static final ResourceArea AREA =
      new ResourceArea("journaltest", "5b0a0f9e-4a53-4c59-a0d6-f8d0fb0e0a01");

  @TempDir Path tmp;

  /** A note the test route writes; declared before start so replay knows its table. */
  record Note(String id, String text) {}

  private static Emulator withNotes(Path data, boolean fsync) {
    Emulator e = Emulator.create(EmulatorConfig.builder().dataDir(data).fsync(fsync).build());
    Table<Note> notes = e.context().store().table(JOURNAL_TEST_NOTES);
    e.context().router().area(AREA);
    e.context()
        .router()
        .route(
            AREA, "notes", "5b0a0f9e-4a53-4c59-a0d6-f8d0fb0e0a02", "_apis/journaltest/notes/{id}")
        .versions("1.0", "7.1", "7.1", 1)
        .post(
            req -> {
              Note n = new Note(UUID.randomUUID().toString(), req.json().path("text").asText());
              e.context().store().run(tx -> tx.put(notes, n.id(), n));
              return n;
            })
        .get(
            req -> {
              Note n = notes.get(req.requireRoute("id"));
              return n == null ? Json.object() : n;
            });
    return e.start();
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    for (String f : new String[] {"snapshot.jsonl", "journal.jsonl"}) {
      if (Files.exists(from.resolve(f))) {
        Files.copy(from.resolve(f), to.resolve(f));
      }
    }
  }

  private static String write(Http http, String text) {
    Http.Res r =
        http.post("_apis/journaltest/notes?api-version=7.1", Json.object().put("text", text));
    assertThat(r.status()).isEqualTo(200);
    return r.json().path("id").asText();
  }

  private static String read(Http http, String id) {
    return http.get("_apis/journaltest/notes/" + id + "?api-version=7.1")
        .json()
        .path("text")
        .asText(null);
  }

  @Test
  void tornLastLineIsIgnoredAndLaterWritesSurviveASecondCrash() throws IOException {
    Path live = tmp.resolve("live");
    Path crashed = tmp.resolve("crashed");
    String a;
    String b;
    try (Emulator e = withNotes(live, false)) {
      Http http = new Http(e);
      a = write(http, "première note");
      b = write(http, "second note ✓");
      // What a kill -9 leaves: the journal as written so far, never compacted.
      copy(live, crashed);
    }
    byte[] torn =
        "{\"c\":[{\"t\":\"journalTestNotes\",\"k\":\"x\",\"v\":{\"text\":\"é"
            .getBytes(StandardCharsets.UTF_8);
    // Half of the two bytes of "é": the crash cut a character in two.
    Files.write(
        crashed.resolve("journal.jsonl"),
        java.util.Arrays.copyOf(torn, torn.length - 1),
        StandardOpenOption.APPEND);

    Path crashedAgain = tmp.resolve("crashed-again");
    String c;
    try (Emulator e = withNotes(crashed, true)) {
      Http http = new Http(e);
      assertThat(read(http, a)).isEqualTo("première note");
      assertThat(read(http, b)).isEqualTo("second note ✓");
      c = write(http, "written after the torn line");
      copy(crashed, crashedAgain);
    }
    try (Emulator e = withNotes(crashedAgain, false)) {
      Http http = new Http(e);
      assertThat(read(http, a)).isEqualTo("première note");
      assertThat(read(http, c)).isEqualTo("written after the torn line");
    }
  }

  @Test
  void cleanShutdownCompactsIntoTheSnapshot() throws IOException {
    Path data = tmp.resolve("data");
    String id;
    try (Emulator e = withNotes(data, false)) {
      id = write(new Http(e), "kept");
    }
    assertThat(Files.size(data.resolve("journal.jsonl"))).isZero();
    assertThat(Files.readString(data.resolve("snapshot.jsonl"))).contains("kept");
    try (Emulator e = withNotes(data, false)) {
      assertThat(read(new Http(e), id)).isEqualTo("kept");
    }
  }

  @Test
  void resetThroughTheControlApiAlsoEmptiesTheDataDirectory() throws IOException {
    Path data = tmp.resolve("data");
    String id;
    try (Emulator e = withNotes(data, false)) {
      id = write(new Http(e), "to be reset");
      assertThat(new Control(e).post("reset", "").status()).isEqualTo(200);
      assertThat(read(new Http(e), id)).isNull();
    }
    try (Emulator e = withNotes(data, false)) {
      assertThat(read(new Http(e), id)).isNull();
    }
  }
}
