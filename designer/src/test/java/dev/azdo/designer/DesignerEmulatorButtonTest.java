package dev.azdo.designer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.client.ProfileStore;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Use the built-in emulator": the launcher the CLI passes starts one, its connection is saved as
 * the profile "emulator" and tested, and the page never gets its PAT back.
 */
class DesignerEmulatorButtonTest {
  @TempDir Path dir;

  @Test
  void startsTheEmulatorSavesItAsAProfileAndNeverSendsThePatBack() throws Exception {
    ProfileStore profiles = new ProfileStore(dir.resolve("config"));
    EmulatorLauncher launcher =
        dataDir -> {
          Emulator e =
              Emulator.create(
                  EmulatorConfig.builder().port(0).pat("s3cr3t-pat").dataDir(dataDir).build());
          e.start();
          return new EmulatorLauncher.Started(
              Map.of("org-url", e.url(), "pat", "s3cr3t-pat", "project", "Demo"), e::close);
        };
    try (Designer designer =
        Designer.builder()
            .workspace(dir)
            .profiles(profiles)
            .env(Map.of())
            .emulator(launcher)
            .build()
            .start()) {
      String token = designer.url().substring(designer.url().indexOf("token=") + 6);
      String host = "127.0.0.1:" + designer.port();
      String header = RequestGuard.HEADER + ": " + token;
      String schema =
          DesignerGuardTest.send(designer.port(), "GET /api/schema", host, null, header, "");
      assertThat(schema).contains("\"emulator\":true");
      String started =
          DesignerGuardTest.send(
              designer.port(), "POST /api/connection/emulator", host, null, header, "");
      assertThat(started).contains("\"ok\":true").contains("project Demo exists");
      assertThat(started).doesNotContain("s3cr3t-pat");
      assertThat(profiles.load("emulator").orElseThrow()).containsEntry("pat", "s3cr3t-pat");
      String shown =
          DesignerGuardTest.send(designer.port(), "GET /api/connection", host, null, header, "");
      assertThat(shown).contains("\"profile\":\"emulator\"").contains("(saved)");
      assertThat(shown).doesNotContain("s3cr3t-pat");
    }
  }
}
