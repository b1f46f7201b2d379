package dev.azdo.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.azdo.client.http.Response;
import dev.azdo.client.internal.Urls;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Projects and their long-running operations ({@code _apis/projects}, {@code _apis/operations}).
 */
final class ProjectOperations {
  private final AzdoClient client;

  ProjectOperations(AzdoClient client) {
    this.client = client;
  }

  /** Lists one page of projects; pass the previous page's token or null for the first. */
  Page<Project> listProjects(String continuationToken, int top) {
    StringBuilder url =
        new StringBuilder(client.api("/_apis/projects")).append("&$top=").append(top);
    if (continuationToken != null) {
      url.append("&continuationToken=").append(Urls.query(continuationToken));
    }
    Response r = client.send("GET", url.toString(), null, null, false, "list projects");
    List<Project> items =
        Json.list(client.json(r).get("value")).stream().map(Project::from).toList();
    // The next page's token comes in a header, not in the body.
    return new Page<>(items, r.header("x-ms-continuationtoken"));
  }

  /** Lists every project, following continuation tokens. */
  List<Project> listAllProjects() {
    List<Project> all = new ArrayList<>();
    String token = null;
    do {
      Page<Project> page = listProjects(token, 100);
      all.addAll(page.items());
      token = page.continuationToken();
    } while (token != null && !token.isEmpty());
    return all;
  }

  /** Returns a project by name or id. */
  Project getProject(String nameOrId) {
    return Project.from(
        client.json(
            client.send(
                "GET",
                client.api("/_apis/projects/" + Urls.segment(nameOrId)),
                null,
                null,
                false,
                "get project " + nameOrId)));
  }

  /** Queues project creation, waits for the operation and returns the new project. */
  Project createProject(
      String name, String description, String processTemplateId, String visibility) {
    ObjectNode body = Json.MAPPER.createObjectNode().put("name", name);
    if (description != null) {
      body.put("description", description);
    }
    body.put("visibility", visibility == null ? "private" : visibility);
    ObjectNode caps = body.putObject("capabilities");
    caps.putObject("versioncontrol").put("sourceControlType", "Git");
    caps.putObject("processTemplate").put("templateTypeId", processTemplateId);
    Operation op =
        Operation.from(
            client.json(
                client.send(
                    "POST",
                    client.api("/_apis/projects"),
                    body,
                    AzdoClient.JSON_TYPE,
                    false,
                    "create project " + name)));
    awaitOperation(op, "create project " + name);
    return getProject(name);
  }

  /** Updates a project's name or description and waits for the operation. */
  Operation updateProject(String projectId, String newName, String newDescription) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    if (newName != null) {
      body.put("name", newName);
    }
    if (newDescription != null) {
      body.put("description", newDescription);
    }
    Operation op =
        Operation.from(
            client.json(
                client.send(
                    "PATCH",
                    client.api("/_apis/projects/" + Urls.segment(projectId)),
                    body,
                    AzdoClient.JSON_TYPE,
                    true,
                    "update project " + projectId)));
    return awaitOperation(op, "update project " + projectId);
  }

  /** Deletes a project (by id) and waits for the operation. */
  Operation deleteProject(String projectId) {
    Operation op =
        Operation.from(
            client.json(
                client.send(
                    "DELETE",
                    client.api("/_apis/projects/" + Urls.segment(projectId)),
                    null,
                    null,
                    true,
                    "delete project " + projectId)));
    return awaitOperation(op, "delete project " + projectId);
  }

  /** Returns the current state of a long-running operation. */
  Operation getOperation(String operationId) {
    return Operation.from(
        client.json(
            client.send(
                "GET",
                client.api("/_apis/operations/" + Urls.segment(operationId)),
                null,
                null,
                false,
                "get operation")));
  }

  private Operation awaitOperation(Operation op, String what) {
    if (op.id() == null) {
      return op;
    }
    Operation current = op;
    // Project creation usually takes 5-30 s; ten minutes means the service is stuck.
    Instant deadline = client.clock().instant().plus(Duration.ofMinutes(10));
    while (!current.isDone()) {
      if (client.clock().instant().isAfter(deadline)) {
        throw new AzdoException(
            AzdoException.Kind.OTHER,
            0,
            null,
            null,
            what + ": operation " + op.id() + " did not finish in 10 minutes");
      }
      client.pause(client.operationPollInterval());
      current = getOperation(op.id());
    }
    if (!current.succeeded()) {
      String msg = current.resultMessage() == null ? current.status() : current.resultMessage();
      AzdoException e =
          AzdoException.fromEnvelope(
              400, "{\"message\":" + TextNode.valueOf(msg) + "}", what + " failed");
      throw new AzdoException(
          AzdoException.Kind.INVALID, 0, e.serviceCode(), null, what + " failed: " + msg);
    }
    return current;
  }
}
