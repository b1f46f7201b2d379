package dev.azdo.emulator.work;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.Http;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sprint capacity over real HTTP: members' activities and days off, team days off, totals. */
class TeamCapacityTest {
  static final String V = "api-version=7.1";
  static Emulator emulator;
  static Http http;
  static String sprint;

  @BeforeAll
  static void start() {
    emulator = Emulator.startDefault();
    http = new Http(emulator);
  }

  // A new sprint from Monday 7 to Friday 18 December (ten working days), which the default team
  // works in as it works in every dated iteration; returns its team settings path.
  private static String sprint(String name) {
    sprint =
        ok(http.post(
                "Demo/_apis/wit/classificationnodes/Iterations?" + V,
                Map.of(
                    "name",
                    name,
                    "attributes",
                    Map.of(
                        "startDate",
                        "2026-12-07T00:00:00Z",
                        "finishDate",
                        "2026-12-18T00:00:00Z"))))
            .path("identifier")
            .asText();
    return "Demo/Demo%20Team/_apis/work/teamsettings/iterations/" + sprint;
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  private static JsonNode ok(Http.Res r) {
    assertThat(r.status()).as(r.body()).isIn(200, 201);
    return r.json();
  }

  private static String alice() {
    return emulator.context().directory().resolve("alice@example.com").id();
  }

  @Test
  void aMembersActivitiesAndDaysOffAddUpWithTheTeamsDaysOff() {
    String team = sprint("Capacity Sprint");
    JsonNode before = ok(http.get(team + "/capacities?" + V));
    int members = before.path("teamMembers").size();
    assertThat(members).isPositive();
    assertThat(before.path("totalCapacityPerDay").asDouble()).isZero();
    JsonNode unset = before.path("teamMembers").get(0);
    assertThat(unset.at("/activities/0/capacityPerDay").asDouble()).isZero();
    assertThat(unset.path("daysOff")).isEmpty();

    JsonNode alice =
        ok(
            http.send(
                "PATCH",
                team + "/capacities/" + alice() + "?" + V,
                Map.of(
                    "activities",
                    List.of(
                        Map.of("name", "Development", "capacityPerDay", 6),
                        Map.of("name", "Testing", "capacityPerDay", 2)),
                    // Thursday to Monday: three working days.
                    "daysOff",
                    List.of(
                        Map.of("start", "2026-12-10T00:00:00Z", "end", "2026-12-14T00:00:00Z"))),
                "application/json"));
    assertThat(alice.at("/teamMember/uniqueName").asText()).isEqualTo("alice@example.com");
    assertThat(alice.at("/activities/1/name").asText()).isEqualTo("Testing");
    assertThat(alice.at("/daysOff/0/end").asText()).isEqualTo("2026-12-14T00:00:00Z");
    assertThat(alice.path("url").asText()).endsWith("/capacities/" + alice());

    // The team is off on the Monday Alice already is, and on the last Friday.
    JsonNode teamOff =
        ok(
            http.send(
                "PATCH",
                team + "/teamdaysoff?" + V,
                Map.of(
                    "daysOff",
                    List.of(
                        Map.of("start", "2026-12-14", "end", "2026-12-14"),
                        Map.of("start", "2026-12-18T00:00:00Z", "end", "2026-12-18T00:00:00Z"))),
                "application/json"));
    assertThat(teamOff.path("daysOff")).hasSize(2);
    assertThat(ok(http.get(team + "/teamdaysoff?" + V)).at("/daysOff/0/start").asText())
        .isEqualTo("2026-12-14T00:00:00Z");

    JsonNode after = ok(http.get(team + "/capacities?" + V));
    assertThat(after.path("totalCapacityPerDay").asDouble()).isEqualTo(8);
    assertThat(after.path("totalDaysOff").asInt()).isEqualTo(4 + 2 * (members - 1));
    JsonNode one = ok(http.get(team + "/capacities/" + alice() + "?" + V));
    assertThat(one.at("/activities/0/capacityPerDay").asDouble()).isEqualTo(6);

    JsonNode iteration =
        ok(http.get("Demo/_apis/work/iterations/" + sprint + "/iterationcapacities?" + V));
    assertThat(iteration.path("totalIterationCapacityPerDay").asDouble()).isEqualTo(8);
    assertThat(iteration.path("teams")).isNotEmpty();
    assertThat(iteration.at("/teams/0/teamTotalDaysOff").asInt()).isEqualTo(4 + 2 * (members - 1));
  }

  @Test
  void replacingSetsEveryListedMemberAndBadInputIsOneClearLine() {
    String team = sprint("Replaced Sprint");
    JsonNode out =
        ok(
            http.send(
                "PUT",
                team + "/capacities?" + V,
                List.of(
                    Map.of(
                        "teamMember",
                        Map.of("id", alice()),
                        "activities",
                        List.of(Map.of("name", "Design", "capacityPerDay", 3)),
                        "daysOff",
                        List.of())),
                "application/json"));
    assertThat(out.at("/value/0/activities/0/name").asText()).isEqualTo("Design");

    Http.Res negative =
        http.send(
            "PATCH",
            team + "/capacities/" + alice() + "?" + V,
            Map.of("activities", List.of(Map.of("name", "Dev", "capacityPerDay", -1))),
            "application/json");
    assertThat(negative.status()).isEqualTo(400);
    assertThat(negative.json().path("message").asText()).contains("capacityPerDay");
    Http.Res backwards =
        http.send(
            "PATCH",
            team + "/teamdaysoff?" + V,
            Map.of("daysOff", List.of(Map.of("start", "2026-12-10", "end", "2026-12-09"))),
            "application/json");
    assertThat(backwards.status()).isEqualTo(400);
    assertThat(backwards.json().path("message").asText()).contains("before it starts");
    Http.Res stranger = http.get(team + "/capacities/00000000-0000-0000-0000-000000000001?" + V);
    assertThat(stranger.status()).isEqualTo(404);
    Http.Res noSprint =
        http.get(
            "Demo/Demo%20Team/_apis/work/teamsettings/iterations/"
                + "00000000-0000-0000-0000-000000000002/capacities?"
                + V);
    assertThat(noSprint.status()).isEqualTo(404);
    assertThat(noSprint.json().path("message").asText()).startsWith("VS402899");
  }
}
