package dev.azdo.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.client.internal.Urls;
import java.util.ArrayList;
import java.util.List;

/** The teams of a project ({@code _apis/projects/{project}/teams}). */
final class TeamOperations {
  private final AzdoClient client;

  TeamOperations(AzdoClient client) {
    this.client = client;
  }

  /** Lists every team of a project, paging with $top/$skip. */
  List<Team> listTeams(String project) {
    List<Team> all = new ArrayList<>();
    int top = 100;
    for (int skip = 0; ; skip += top) {
      String url =
          client.api("/_apis/projects/" + Urls.segment(project) + "/teams")
              + "&$top="
              + top
              + "&$skip="
              + skip;
      List<Team> page =
          Json.list(
                  client
                      .json(client.send("GET", url, null, null, false, "list teams of " + project))
                      .get("value"))
              .stream()
              .map(Team::from)
              .toList();
      all.addAll(page);
      if (page.size() < top) {
        return all;
      }
    }
  }

  /** Creates a team in a project. */
  Team createTeam(String project, String name, String description) {
    ObjectNode body = Json.MAPPER.createObjectNode().put("name", name);
    if (description != null) {
      body.put("description", description);
    }
    return Team.from(
        client.json(
            client.send(
                "POST",
                client.api("/_apis/projects/" + Urls.segment(project) + "/teams"),
                body,
                AzdoClient.JSON_TYPE,
                false,
                "create team " + name)));
  }

  /** Renames a team or changes its description (null keeps a value). */
  Team updateTeam(String project, String team, String newName, String newDescription) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    if (newName != null) {
      body.put("name", newName);
    }
    if (newDescription != null) {
      body.put("description", newDescription);
    }
    return Team.from(
        client.json(
            client.send(
                "PATCH",
                client.api(
                    "/_apis/projects/" + Urls.segment(project) + "/teams/" + Urls.segment(team)),
                body,
                AzdoClient.JSON_TYPE,
                true,
                "update team " + team)));
  }

  /** Deletes a team. */
  void deleteTeam(String project, String team) {
    client.send(
        "DELETE",
        client.api("/_apis/projects/" + Urls.segment(project) + "/teams/" + Urls.segment(team)),
        null,
        null,
        true,
        "delete team " + team);
  }
}
