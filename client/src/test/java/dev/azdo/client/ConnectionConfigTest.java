package dev.azdo.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azdo.client.auth.PatCredentials;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionConfigTest {
  private static final String PAT = "pat-value-never-printed-42";

  private static Map<String, String> map(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void defaultsMatchTheProductContract() {
    ConnectionSettings s =
        ConnectionConfig.parse(map("org", "fabrikam", "pat", PAT), Map.of()).orThrow();
    assertThat(s.orgUrl()).isEqualTo(URI.create("https://dev.azure.com/fabrikam"));
    assertThat(s.organization()).isEqualTo("fabrikam");
    assertThat(s.apiVersion()).isEqualTo("7.1");
    assertThat(s.auth()).isEqualTo(AuthMethod.PAT);
    assertThat(s.authScheme()).isEqualTo(PatCredentials.Scheme.BASIC);
    assertThat(s.authHeader()).isEqualTo("Authorization");
    assertThat(s.userName()).isEmpty();
    assertThat(s.retryStatuses()).containsExactlyInAnyOrder(429, 500, 502, 503, 504);
    assertThat(s.retryMax()).isEqualTo(5);
    assertThat(s.retryMultiplyWait()).isTrue();
    assertThat(s.retryWait()).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.trustedDomains()).isEmpty();
    assertThat(s.token()).map(Secret::reveal).contains(PAT);
  }

  @Test
  void orgUrlAcceptsServerCollectionsAndEmulatorUrls() {
    ConnectionSettings server =
        ConnectionConfig.parse(
                map("org-url", "http://tfs.corp:8080/tfs/DefaultCollection/", "pat", PAT), Map.of())
            .orThrow();
    assertThat(server.orgUrl().toString()).isEqualTo("http://tfs.corp:8080/tfs/DefaultCollection");
    assertThat(server.organization()).isEqualTo("DefaultCollection");
    ConnectionSettings emulator =
        ConnectionConfig.parse(map("org-url", "http://127.0.0.1:41234/demo", "pat", PAT), Map.of())
            .orThrow();
    assertThat(emulator.organization()).isEqualTo("demo");
    ConnectionSettings legacy =
        ConnectionConfig.parse(
                map("org-url", "https://contoso.visualstudio.com", "pat", PAT), Map.of())
            .orThrow();
    assertThat(legacy.organization()).isEqualTo("contoso");
  }

  @Test
  void everyBadKeyGetsOneClearMessage() {
    ConnectionConfig.Result r =
        ConnectionConfig.parse(
            map(
                "org-url", "ftp://nowhere",
                "pat", PAT,
                "retry-max", "lots",
                "retry-status", "429,abc",
                "retry-multiply-wait", "maybe",
                "auth", "kerberos",
                "api-version", "seven",
                "colour", "blue"),
            Map.of());
    assertThat(r.isValid()).isFalse();
    assertThat(r.errors())
        .containsExactlyInAnyOrder(
            "colour: unknown setting",
            "org-url: 'ftp://nowhere' is not an http(s) URL such as https://dev.azure.com/ORG",
            "retry-max: expected a whole number, got 'lots'",
            "retry-status: 'abc' is not an HTTP status (100-599), got '429,abc'",
            "retry-multiply-wait: expected true or false, got 'maybe'",
            "auth: must be one of pat, bearer, oauth, entra, got 'kerberos'",
            "api-version: must look like 7.1 or 7.1-preview.4, got 'seven'");
    assertThatThrownBy(r::orThrow)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("retry-max")
        .hasMessageNotContaining(PAT);
  }

  @Test
  void missingOrganizationAndTokenAreReportedWithTheWaysToSetThem() {
    ConnectionConfig.Result r = ConnectionConfig.parse(Map.of(), Map.of());
    assertThat(r.errors())
        .containsExactly(
            "org-url: required; set --org-url URL, --org NAME or AZDO_ORG_URL",
            "pat: required for auth=pat; set --pat-file FILE, AZDO_PAT or AZURE_DEVOPS_EXT_PAT");
  }

  @Test
  void rangeErrorsNameTheBounds() {
    ConnectionConfig.Result r =
        ConnectionConfig.parse(map("org", "x", "pat", PAT, "retry-max", "1000"), Map.of());
    assertThat(r.errors()).containsExactly("retry-max: must be between 0 and 100, got '1000'");
  }

  @Test
  void seedToolNamesAndJdbcStyleAliasesAreAccepted() {
    ConnectionSettings s =
        ConnectionConfig.parse(
                map(
                    "OrganizationUrl", "https://dev.azure.com/acme",
                    "PersonalAccessToken", PAT,
                    "RetryCountMax", "2",
                    "RetryMultiplyWaitTime", "false",
                    "RetryStatusCodeList", "429,503",
                    "AuthScheme", "Bearer",
                    "AuthHeader", "X-Custom-Auth",
                    "UserName", "svc",
                    "trustedDomain", "*.corp.example,proxy:8443"),
                Map.of())
            .orThrow();
    assertThat(s.retryMax()).isEqualTo(2);
    assertThat(s.retryMultiplyWait()).isFalse();
    assertThat(s.retryStatuses()).containsExactlyInAnyOrder(429, 503);
    assertThat(s.authScheme()).isEqualTo(PatCredentials.Scheme.BEARER);
    assertThat(s.authHeader()).isEqualTo("X-Custom-Auth");
    assertThat(s.userName()).isEqualTo("svc");
    assertThat(s.trustedDomains()).containsExactly("*.corp.example", "proxy:8443");
  }

  @Test
  void secretReferencesResolveFromEnvironmentAndFiles(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("pat.txt");
    Files.writeString(file, PAT + "\n");
    assertThat(
            ConnectionConfig.parse(map("org", "a", "pat", "env:MY_PAT"), Map.of("MY_PAT", PAT))
                .orThrow()
                .token())
        .map(Secret::reveal)
        .contains(PAT);
    assertThat(
            ConnectionConfig.parse(map("org", "a", "pat", "file:" + file), Map.of())
                .orThrow()
                .token())
        .map(Secret::reveal)
        .contains(PAT);
    assertThat(
            ConnectionConfig.parse(map("org", "a", "pat-file", file.toString()), Map.of())
                .orThrow()
                .token())
        .map(Secret::reveal)
        .contains(PAT);
    assertThat(ConnectionConfig.parse(map("org", "a", "pat", "env:NOPE"), Map.of()).errors())
        .containsExactly("pat: environment variable NOPE is not set");
  }

  @Test
  void settingsToStringNeverShowsSecrets() {
    ConnectionSettings s =
        ConnectionConfig.parse(
                map("org", "a", "pat", PAT, "oauth-client-secret", "client-secret-xyz-987"),
                Map.of())
            .orThrow();
    assertThat(s.toString())
        .contains("org-url=https://dev.azure.com/a")
        .doesNotContain(PAT)
        .doesNotContain("client-secret-xyz-987")
        .contains("pat=****");
  }

  @Test
  void environmentSuppliesOrgUrlAndPatWithAzdoPatWinning() {
    Map<String, String> env =
        Map.of(
            "AZDO_ORG_URL", "https://dev.azure.com/envorg",
            "AZURE_DEVOPS_EXT_PAT", "ext-pat-value",
            "AZDO_PAT", PAT,
            "AZDO_RETRY_MAX", "3");
    ConnectionSettings s = ConnectionConfig.resolve(Map.of(), env, null).orThrow();
    assertThat(s.organization()).isEqualTo("envorg");
    assertThat(s.token()).map(Secret::reveal).contains(PAT);
    assertThat(s.retryMax()).isEqualTo(3);
    assertThat(
            ConnectionConfig.fromEnvironment(Map.of("AZURE_DEVOPS_EXT_PAT", "ext-pat-value"))
                .get("pat"))
        .isEqualTo("ext-pat-value");
  }

  @Test
  void flagsBeatEnvironmentWhichBeatsTheProfile(@TempDir Path dir) {
    ProfileStore store = new ProfileStore(dir);
    store.save(
        "work",
        map(
            "org-url",
            "https://dev.azure.com/profileorg",
            "pat",
            PAT,
            "project",
            "P1",
            "retry-max",
            "1"),
        true);
    ConnectionSettings fromProfile = ConnectionConfig.resolve(Map.of(), Map.of(), store).orThrow();
    assertThat(fromProfile.organization()).isEqualTo("profileorg");
    assertThat(fromProfile.project()).contains("P1");
    assertThat(fromProfile.profile()).contains("work");

    ConnectionSettings merged =
        ConnectionConfig.resolve(
                map("org", "flagorg"),
                Map.of(
                    "AZDO_PROJECT",
                    "EnvProject",
                    "AZDO_RETRY_MAX",
                    "4",
                    "AZDO_PAT",
                    "env-pat-1234"),
                store)
            .orThrow();
    assertThat(merged.organization()).isEqualTo("flagorg");
    assertThat(merged.project()).contains("EnvProject");
    assertThat(merged.retryMax()).isEqualTo(4);
    assertThat(merged.token()).map(Secret::reveal).contains("env-pat-1234");
    assertThat(merged.credentialsProfile()).isEmpty();

    assertThat(ConnectionConfig.resolve(map("profile", "nope"), Map.of(), store).errors())
        .containsExactly("profile: no saved profile named 'nope'");
  }

  @Test
  void everyKeyHasTypeAndDocumentation() {
    assertThat(ConnectionConfig.keys()).allSatisfy(k -> assertThat(k.doc()).isNotBlank());
    assertThat(ConnectionConfig.key("RetryCountMax")).map(ConfigKey::name).contains("retry-max");
    assertThat(ConnectionConfig.key("pat")).map(ConfigKey::isSecret).contains(true);
    assertThat(ConnectionConfig.isKnownKey("colour")).isFalse();
  }

  @Test
  void oauthScopesMustBeRegistered() {
    ConnectionConfig.Result r =
        ConnectionConfig.parse(
            map(
                "org", "a",
                "auth", "oauth",
                "oauth-client-id", "app",
                "oauth-scopes", "vso.work_write,vso.project_manage",
                "oauth-registered-scopes", "vso.work_write"),
            Map.of());
    assertThat(r.errors())
        .containsExactly("oauth-scopes: not registered for the app: vso.project_manage");
  }

  @Test
  void settingsWithTheSameValuesAreEqualAndWithProjectMakesACopy() {
    ConnectionSettings a = ConnectionConfig.parse(map("org", "a", "pat", PAT), Map.of()).orThrow();
    ConnectionSettings b = ConnectionConfig.parse(map("org", "a", "pat", PAT), Map.of()).orThrow();
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    ConnectionSettings c = a.withProject("Other");
    assertThat(c.project()).contains("Other");
    assertThat(a.project()).isEmpty();
    assertThat(c).isNotEqualTo(a);
  }

  @Test
  void aProfilesPatIsNotUsedForAnotherOrganizationUrl(@TempDir Path dir) {
    ProfileStore store = new ProfileStore(dir);
    store.save("work", map("org-url", "https://dev.azure.com/acme", "pat", PAT), true);
    for (String other :
        new String[] {
          "http://dev.azure.com/acme",
          "https://dev.azure.com/other",
          "https://dev.azure.com:8443/acme",
          "https://evil.example/acme"
        }) {
      ConnectionConfig.Result r = ConnectionConfig.resolve(map("org-url", other), Map.of(), store);
      assertThat(r.errors())
          .as(other)
          .containsExactly(
              "profile 'work' holds credentials for https://dev.azure.com/acme, not for "
                  + other
                  + "; give --pat-file or AZDO_PAT, or --profile NAME");
    }
    ConnectionConfig.Result viaEnv =
        ConnectionConfig.resolve(
            Map.of(), Map.of("AZDO_ORG_URL", "https://dev.azure.com/b"), store);
    assertThat(viaEnv.errors())
        .singleElement()
        .asString()
        .contains("not for https://dev.azure.com/b");
  }

  @Test
  void aProfilesPatIsUsedForItsOwnUrlAndSaysSo(@TempDir Path dir) {
    ProfileStore store = new ProfileStore(dir);
    store.save("work", map("org", "acme", "pat", PAT), true);
    for (Map<String, String> flags :
        java.util.List.of(
            Map.<String, String>of(),
            map("org-url", "https://DEV.azure.com/Acme/"),
            map("org-url", "https://dev.azure.com:443/acme"),
            map("profile", "work"))) {
      ConnectionSettings s = ConnectionConfig.resolve(flags, Map.of(), store).orThrow();
      assertThat(s.token()).map(Secret::reveal).contains(PAT);
      assertThat(s.credentialsNotice())
          .contains("using profile 'work' (https://dev.azure.com/acme)");
    }
  }

  @Test
  void aProfileWithOtherUrlKeepsItsPreferencesButNotItsName(@TempDir Path dir) {
    ProfileStore store = new ProfileStore(dir);
    store.save("work", map("org", "acme", "pat", PAT, "project", "P1"), true);
    ConnectionSettings s =
        ConnectionConfig.resolve(map("org", "other", "pat", "flag-pat-5678"), Map.of(), store)
            .orThrow();
    assertThat(s.token()).map(Secret::reveal).contains("flag-pat-5678");
    assertThat(s.project()).contains("P1");
    // The profile's name keys its OAuth token files: another organization must not reach them.
    assertThat(s.profile()).isEmpty();
    assertThat(s.credentialsNotice()).isEmpty();
  }
}
