package dev.azdo.client;

import dev.azdo.client.internal.Urls;
import java.util.List;

/** Lists the fields a project's work items can carry ({@code GET {project}/_apis/wit/fields}). */
public final class ProjectFields {
  private final AzdoClient client;

  /** Creates the reader over a client. */
  public ProjectFields(AzdoClient client) {
    this.client = client;
  }

  /** Returns every field of the project (organization-wide when project is null). */
  public List<FieldInfo> list(String project) {
    String path =
        project == null ? "/_apis/wit/fields" : "/" + Urls.segment(project) + "/_apis/wit/fields";
    return Json.list(
            client
                .json(client.send("GET", client.api(path), null, null, false, "list fields"))
                .get("value"))
        .stream()
        .map(FieldInfo::from)
        .toList();
  }
}
