package dev.azdo.emulator.wiql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.Http;
import dev.azdo.emulator.http.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WIQL the query editor offers and saved queries use: fields compared with fields,
 * {@code @CurrentIteration}, IN GROUP, {@code @StartOf...} with offsets; nothing answers 500.
 */
class WiqlGapsTest {
  static Emulator emulator;
  static Http http;
  static int same;
  static int differs;
  static int current;
  static int earlier;

  @BeforeAll
  static void start() {
    emulator = Emulator.startDefault();
    http = new Http(emulator);
    same = create("Task", "echo", "echo", "Demo\\Sprint 2", "Alice Admin <alice@example.com>");
    differs = create("Bug", "no description", null, "Demo\\Sprint 1", null);
    current = create("Task", "this sprint", "other text", "Demo\\Sprint 2", null);
    earlier = create("User Story", "last sprint", "", "Demo\\Sprint 1", null);
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  private static int create(
      String type, String title, String description, String iteration, String assignedTo) {
    var patch = Json.array();
    patch.addObject().put("op", "add").put("path", "/fields/System.Title").put("value", title);
    if (description != null) {
      patch
          .addObject()
          .put("op", "add")
          .put("path", "/fields/System.Description")
          .put("value", description);
    }
    patch
        .addObject()
        .put("op", "add")
        .put("path", "/fields/System.IterationPath")
        .put("value", iteration);
    if (assignedTo != null) {
      patch
          .addObject()
          .put("op", "add")
          .put("path", "/fields/System.AssignedTo")
          .put("value", assignedTo);
    }
    Http.Res r =
        http.send(
            "POST",
            "Demo/_apis/wit/workitems/$" + type.replace(" ", "%20") + "?api-version=7.1",
            patch,
            "application/json-patch+json");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().path("id").asInt();
  }

  private static Http.Res run(String path, String where) {
    return http.post(
        path + "_apis/wit/wiql?api-version=7.1",
        Map.of("query", "SELECT [System.Id] FROM WorkItems WHERE " + where));
  }

  private static List<Integer> ids(String where) {
    return ids(run("Demo/", where));
  }

  private static List<Integer> ids(Http.Res r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<Integer> out = new ArrayList<>();
    for (JsonNode n : r.json().path("workItems")) {
      out.add(n.path("id").asInt());
    }
    return out;
  }

  private static String refused(String where) {
    Http.Res r = run("Demo/", where);
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    return r.json().path("message").asText();
  }

  @Test
  void aFieldComparedWithAFieldIsEvaluatedAndAnEmptySideEqualsOnlyAnEmptySide() {
    assertThat(ids("[System.Title] = [System.Description]")).containsExactly(same);
    assertThat(ids("[System.Title] <> [System.Description]"))
        .containsExactlyInAnyOrder(differs, current, earlier);
    assertThat(ids("[System.Description] = [System.History]")).contains(differs, earlier);
  }

  @Test
  void fieldsOfTypesThatCannotBeComparedAreRefusedNamingTheClause() {
    assertThat(refused("[System.Title] = [System.CreatedDate]"))
        .isEqualTo(
            "The fields in the clause are of types that cannot be compared. The error is caused"
                + " by «[System.Title] = [System.CreatedDate]».");
  }

  @Test
  void currentIterationIsTheSprintOfTodayOfTheRoutesTeamOrTheNamedOne() {
    assertThat(ids("[System.IterationPath] = @CurrentIteration"))
        .containsExactlyInAnyOrder(same, current);
    assertThat(ids(run("Demo/Demo%20Team/", "[System.IterationPath] = @CurrentIteration")))
        .containsExactlyInAnyOrder(same, current);
    assertThat(ids(run("", "[System.IterationPath] = @CurrentIteration('[Demo]\\Demo Team')")))
        .containsExactlyInAnyOrder(same, current);
    assertThat(ids("[System.IterationPath] = @CurrentIteration - 1"))
        .containsExactlyInAnyOrder(differs, earlier);
    assertThat(ids("[System.IterationPath] = @CurrentIteration + 5")).isEmpty();
    assertThat(refused("[System.IterationPath] = @CurrentIteration('[Demo]\\No Such Team')"))
        .isEqualTo(
            "The team 'No Such Team' does not exist in project Demo. The error is caused by"
                + " «@CurrentIteration('[Demo]\\No Such Team')».");
    assertThat(refused("[System.Title] = @CurrentIteration"))
        .startsWith("The @CurrentIteration macro can only be used with the Iteration Path field.");
  }

  @Test
  void inGroupMatchesTheMembersOfATeamOrTheTypesOfACategory() {
    assertThat(ids("[System.AssignedTo] IN GROUP '[Demo]\\Demo Team'")).containsExactly(same);
    assertThat(ids("[System.AssignedTo] NOT IN GROUP '[Demo]\\Demo Team'"))
        .containsExactlyInAnyOrder(differs, current, earlier);
    assertThat(ids("[System.WorkItemType] IN GROUP 'Microsoft.TaskCategory'"))
        .containsExactlyInAnyOrder(same, current);
    assertThat(refused("[System.AssignedTo] IN GROUP '[Demo]\\Nobody'"))
        .isEqualTo(
            "The group does not exist or cannot be used with this field. The error is caused by"
                + " «'[Demo]\\Nobody'».");
  }

  @Test
  void startOfMacrosTakeOffsetsWrittenEitherWay() {
    List<Integer> all = List.of(same, differs, current, earlier);
    assertThat(ids("[System.CreatedDate] >= @StartOfDay('-3d')")).containsAll(all);
    assertThat(ids("[System.CreatedDate] >= @StartOfWeek - 1")).containsAll(all);
    assertThat(ids("[System.CreatedDate] >= @StartOfMonth('-1M')")).containsAll(all);
    assertThat(ids("[System.CreatedDate] >= @StartOfYear('+1y')")).isEmpty();
    assertThat(ids("[System.CreatedDate] < @StartOfDay")).isEmpty();
    assertThat(refused("[System.CreatedDate] >= @StartOfDay('-3x')"))
        .isEqualTo(
            "Expecting an offset such as '-3d', '+1w', '-2M' or '+1y'. The error is caused by"
                + " «@StartOfDay('-3x')».");
  }

  @Test
  void noQueryAnswers500() {
    for (String where :
        new String[] {
          "[System.Id] = 99999999999999999999",
          "[System.Id] = 1e400",
          "[System.CreatedDate] = @today - 100000",
          "[System.CreatedDate] = @StartOfYear + 100000",
          "[System.CreatedDate] = '9999-12-31'",
          "[System.Id] = @Me",
          "[System.Id] IN ()",
          "[System.Title] CONTAINS [System.Description]",
          "[System.Tags] = [System.Title]",
          "[System.AssignedTo] = [System.CreatedBy]",
          "[System.AreaPath] = [System.IterationPath]",
          "[System.Id] = [System.Rev]",
          "[System.IterationPath] UNDER @CurrentIteration",
          "[System.CreatedDate] > @StartOfMonth('')",
          "[System.Title] IN GROUP 'Microsoft.TaskCategory'",
          "[System.Id] IN GROUP ''",
          "[System.Title] = @CurrentIteration(",
          "([System.Title] = 'a'",
        }) {
      Http.Res r = run("Demo/", where);
      assertThat(r.status()).as(where + " -> " + r.body()).isIn(200, 400);
      if (r.status() == 400) {
        assertThat(r.json().path("message").asText()).as(where).contains("The error is caused by");
      }
    }
  }
}
