package dev.azdo.client.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.testing.LogCapture;
import dev.azdo.client.testing.Settings;
import dev.azdo.client.testing.TestServer;
import dev.azdo.client.testing.TestServer.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoggingRedactionTest {
  private static final String ACCESS = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.access-token-body";
  private static final String REFRESH = "refresh-token-value-abcdef123456";
  private static final String CLIENT_SECRET = "client-secret-value-zyx987";
  private static final String CODE = "authorization-code-value-555";
  private final TestServer server = new TestServer();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void mostVerboseLoggingCapturesNoSecret() {
    String basic =
        Base64.getEncoder().encodeToString((":" + Settings.PAT).getBytes(StandardCharsets.UTF_8));
    server.enqueue(
        Reply.json(
                200,
                "{\"access_token\":\""
                    + ACCESS
                    + "\",\"refresh_token\":\""
                    + REFRESH
                    + "\",\"token_type\":\"jwt-bearer\",\"expires_in\":3599}")
            .header("Set-Cookie", "session=" + REFRESH));
    server.enqueue(Reply.json(400, "{\"message\":\"TF400898: bad code " + CODE + "\"}"));
    try (LogCapture logs = new LogCapture()) {
      AzdoClient client = AzdoClient.create(Settings.forServer(server));
      // The sign-in flow registers every code and token it handles, as here, so even a service
      // message that echoes one verbatim is masked.
      client.redactor().addSecret(CODE);
      String form =
          "client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
              + "&client_assertion="
              + CLIENT_SECRET
              + "&grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion="
              + CODE
              + "&redirect_uri=http://localhost/cb";
      client.send(
          "POST",
          server.url("/demo/oauth2/token?code=" + CODE + "&x=1"),
          form.getBytes(StandardCharsets.UTF_8),
          "application/x-www-form-urlencoded",
          false,
          "token");
      assertThatThrownBy(
              () ->
                  client.send(
                      "GET",
                      server.url("/demo/_apis/x?access_token=" + ACCESS),
                      null,
                      null,
                      false,
                      "get"))
          .hasMessageNotContaining(Settings.PAT);
      String text = logs.text();
      assertThat(logs.count()).isGreaterThanOrEqualTo(6);
      assertThat(text).contains("--> POST", "<-- 200", "Authorization: ***", "x=1");
      assertThat(text)
          .doesNotContain(Settings.PAT)
          .doesNotContain(basic)
          .doesNotContain(ACCESS)
          .doesNotContain(REFRESH)
          .doesNotContain(CLIENT_SECRET)
          .doesNotContain(CODE);
    }
    // The secrets really did travel, so the absence above is redaction, not silence.
    assertThat(server.takeRequest().body()).contains(CLIENT_SECRET);
  }

  @Test
  void redactorMasksUrlsJsonFormsAndAuthorizationValues() {
    assertThat(Redactor.redactUrl("https://x/cb?code=abc&state=s1"))
        .isEqualTo("https://x/cb?code=***&state=s1");
    assertThat(Redactor.redactText("{\"refresh_token\" : \"r1\", \"id\":1}"))
        .isEqualTo("{\"refresh_token\" : \"***\", \"id\":1}");
    assertThat(Redactor.redactText("client_secret=abc&grant_type=x"))
        .isEqualTo("client_secret=***&grant_type=x");
    assertThat(Redactor.redactText("header Bearer abc.def.ghi end"))
        .isEqualTo("header Bearer *** end");
    Redactor r = new Redactor();
    r.addSecret("plain-secret-value");
    assertThat(r.redact("oops plain-secret-value leaked")).isEqualTo("oops *** leaked");
    assertThat(r.redactHeader("authorization", "Basic abc")).isEqualTo("***");
  }

  @Test
  void everyJdbcUrlInATextLosesItsCredentials() {
    assertThat(
            Redactor.redactJdbc(
                "No suitable driver found for jdbc:nosuchdriver://user:WrongDbSecret7@db:5432/x"))
        .isEqualTo("No suitable driver found for jdbc:nosuchdriver://db:5432/x");
    assertThat(
            Redactor.redactJdbc(
                "jdbc:postgresql://db/x?user=sa&password=Pw1&sslpassword=Pw2&ssl=true"))
        .isEqualTo("jdbc:postgresql://db/x?user=sa&password=***&sslpassword=***&ssl=true");
    assertThat(
            Redactor.redactJdbc(
                "jdbc:sqlserver://db:1433;user=sa;PWD=Pw3;AccessToken=eyJ0;encrypt=true"))
        .isEqualTo("jdbc:sqlserver://db:1433;user=sa;PWD=***;AccessToken=***;encrypt=true");
    assertThat(Redactor.redactJdbc("at 'jdbc:oracle:thin:scott/Tiger9@db:1521/orcl' failed"))
        .isEqualTo("at 'jdbc:oracle:thin:***@db:1521/orcl' failed");
    assertThat(
            Redactor.redactJdbc("jdbc:azuredevops:https://dev.azure.com/acme;pat=Pat9;project=P"))
        .isEqualTo("jdbc:azuredevops:https://dev.azure.com/acme;pat=***;project=P");
    assertThat(Redactor.redactText("url jdbc:h2:mem:x;PASSWORD=Pw4")).doesNotContain("Pw4");
    assertThat(Redactor.redactJdbc("jdbc:h2:./data/db")).isEqualTo("jdbc:h2:./data/db");
    // A password may hold / : and @; an e-mail address in a later parameter is not a login.
    assertThat(
            Redactor.redactJdbc(
                "jdbc:postgresql://dbuser:Db/Pa:ss@W0rd!7@127.0.0.1:1/db?password=Db/Pa:ss@W0rd!7"))
        .isEqualTo("jdbc:postgresql://127.0.0.1:1/db?password=***");
    assertThat(Redactor.redactJdbc("jdbc:oracle:thin:scott/Ti/ger@9@db:1521/orcl"))
        .isEqualTo("jdbc:oracle:thin:***@db:1521/orcl");
    assertThat(Redactor.redactJdbc("jdbc:sqlserver://db:1433;user=me@corp.com;password=Pw5"))
        .isEqualTo("jdbc:sqlserver://db:1433;user=me@corp.com;password=***");
    assertThat(Redactor.redactText("'ftp://corpus-user:Pat/9@example.com/acme' is not"))
        .isEqualTo("'ftp://example.com/acme' is not");
    assertThat(Redactor.redactText("see https://dev.azure.com/acme and me@example.com"))
        .isEqualTo("see https://dev.azure.com/acme and me@example.com");
  }
}
