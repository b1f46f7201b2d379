package dev.azdo.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileStoreTest {
  private static final String PAT = "profile-pat-secret-0987654321";

  @Test
  void savedSecretsLiveOnlyInTheOwnerOnlySecretsFile(@TempDir Path dir) throws Exception {
    ProfileStore store = new ProfileStore(dir.resolve("cfg"));
    Map<String, String> values = new LinkedHashMap<>();
    values.put("org-url", "https://dev.azure.com/acme");
    values.put("pat", PAT);
    values.put("project", "Alpha");
    store.save("acme", values, false);

    String profiles = Files.readString(store.profilesFile());
    assertThat(profiles).contains("https://dev.azure.com/acme").doesNotContain(PAT);
    assertThat(Files.readString(store.secretsFile())).contains(PAT);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.secretsFile())))
        .isEqualTo("rw-------");
    assertThat(store.load("acme")).contains(values);
    assertThat(store.describe("acme")).doesNotContainKey("pat");
  }

  @Test
  void secretReferencesStayInTheProfileAndNeedNoSecretsFileEntry(@TempDir Path dir)
      throws Exception {
    ProfileStore store = new ProfileStore(dir);
    store.save("ci", Map.of("org", "acme", "pat", "env:CI_PAT"), false);
    assertThat(Files.readString(store.profilesFile())).contains("env:CI_PAT");
    assertThat(Files.readString(store.secretsFile())).doesNotContain("ci");
    ConnectionSettings s =
        ConnectionConfig.resolve(Map.of("profile", "ci"), Map.of("CI_PAT", PAT), store).orThrow();
    assertThat(s.token()).map(Secret::reveal).contains(PAT);
  }

  @Test
  void listDefaultAndDeleteWork(@TempDir Path dir) {
    ProfileStore store = new ProfileStore(dir);
    store.save("one", Map.of("org", "a", "pat", PAT), false);
    store.save("two", Map.of("org", "b", "pat", PAT), true);
    assertThat(store.names()).containsExactly("one", "two");
    assertThat(store.defaultProfile()).contains("two");
    assertThat(store.delete("two")).isTrue();
    assertThat(store.defaultProfile()).contains("one");
    assertThat(store.load("two")).isEmpty();
    assertThat(store.delete("two")).isFalse();
  }

  @Test
  void configDirectoryHonoursAzdoConfigDir(@TempDir Path dir) {
    assertThat(ProfileStore.defaultDirectory(Map.of("AZDO_CONFIG_DIR", dir.toString())))
        .isEqualTo(dir);
    assertThat(ProfileStore.defaultDirectory(Map.of("XDG_CONFIG_HOME", "/x")))
        .isEqualTo(Path.of("/x", "azdo"));
  }

  @Test
  void unknownKeysAndBadNamesAreRefused(@TempDir Path dir) {
    ProfileStore store = new ProfileStore(dir);
    assertThatThrownBy(() -> store.save("p", Map.of("colour", "blue"), false))
        .isInstanceOf(ConfigException.class)
        .hasMessage("colour: unknown setting");
    assertThatThrownBy(() -> store.save("../evil", Map.of(), false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not a profile name");
  }
}
