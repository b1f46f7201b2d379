package dev.azdo.client.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.AzdoException;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.client.WorkItemQueries;
import dev.azdo.emulator.Emulator;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A WIQL error the service answers names where in the query its token stands, on one line. */
class WiqlErrorPositionIntegrationTest {
  private static Emulator emulator;
  private static WorkItemQueries queries;

  @BeforeAll
  static void start() {
    emulator = Emulator.startDefault();
    queries =
        new WorkItemQueries(
            AzdoClient.create(
                ConnectionConfig.parse(
                        Map.of("org-url", emulator.url(), "pat", "emulator-pat"), Map.of())
                    .orThrow()));
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  private static AzdoException refused(String wiql) {
    AzdoException e = catchThrowableOfType(() -> queries.run("Demo", wiql), AzdoException.class);
    assertThat(e.getMessage()).doesNotContain("\n");
    assertThat(e.status()).isEqualTo(400);
    return e;
  }

  @Test
  void anUnknownFieldIsPlacedByLineAndColumn() {
    AzdoException e = refused("SELECT [System.Id]\nFROM WorkItems\nWHERE [Foo.Bar] = 1");
    assertThat(e.getMessage())
        .contains("TF51005")
        .endsWith("«[Foo.Bar]». (line 3, column 7 of the query)");
  }

  @Test
  void aQueryThatStopsShortIsPlacedAtItsEnd() {
    AzdoException e = refused("SELECT [System.Id] FROM WorkItems WHERE [System.State] =   ");
    assertThat(e.getMessage()).endsWith("(at the end of the query, line 1, column 57)");
  }

  @Test
  void aTokenThatOccursMoreThanOnceNamesEveryPlace() {
    AzdoException e =
        refused("SELECT [System.Id] FROM WorkItems WHERE [System.Id] > 1 AND [System.Id] > > 3");
    assertThat(e.getMessage())
        .endsWith(
            "«>». (line 1, column 53 of the query; «>» also appears at line 1, column 73"
                + " and line 1, column 75)");
  }
}
