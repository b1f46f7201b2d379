package dev.azdo.pipeline.endpoint;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.AzdoException;
import dev.azdo.client.ClassificationNode;
import dev.azdo.client.WriteOptions;
import dev.azdo.pipeline.endpoint.ClassificationNodeWriters.CreateNode;
import dev.azdo.pipeline.endpoint.ClassificationNodeWriters.DeleteNode;
import dev.azdo.pipeline.endpoint.ProjectTeamWriters.CreateProject;
import dev.azdo.pipeline.endpoint.ProjectTeamWriters.CreateTeam;
import dev.azdo.pipeline.endpoint.ProjectTeamWriters.DeleteProject;
import dev.azdo.pipeline.endpoint.ProjectTeamWriters.DeleteTeam;
import dev.azdo.pipeline.endpoint.ProjectTeamWriters.UpdateProject;
import dev.azdo.pipeline.endpoint.ProjectTeamWriters.UpdateTeam;
import dev.azdo.pipeline.endpoint.WorkItemAddWriters.AttachmentWriter;
import dev.azdo.pipeline.endpoint.WorkItemAddWriters.CommentWriter;
import dev.azdo.pipeline.endpoint.WorkItemAddWriters.LinkWriter;
import java.util.function.Supplier;

/**
 * The writers that carry out each non-work-item write endpoint through the client: comments, links
 * and attachments ({@link WorkItemAddWriters}), projects and teams ({@link ProjectTeamWriters}),
 * areas and iterations ({@link ClassificationNodeWriters}).
 */
final class AzdoWriters {
  private AzdoWriters() {}

  /** Settings every writer may need. */
  record Context(
      AzdoClient client,
      String project,
      WriteOptions options,
      WorkItemRefs refs,
      AttachmentFolder attachments,
      String defaultProcess,
      EndpointPlan plan) {}

  /** Returns the writer of an endpoint. */
  static EndpointWriter forEndpoint(String name, Context c) {
    return switch (name) {
      case "add-comment" -> new CommentWriter(c);
      case "add-link" -> new LinkWriter(c);
      case "add-attachment" -> new AttachmentWriter(c);
      case "create-project" -> new CreateProject(c);
      case "update-project" -> new UpdateProject(c);
      case "delete-project" -> new DeleteProject(c);
      case "create-team" -> new CreateTeam(c);
      case "update-team" -> new UpdateTeam(c);
      case "delete-team" -> new DeleteTeam(c);
      case "create-area" -> new CreateNode(c, ClassificationNode.Group.AREAS);
      case "create-iteration" -> new CreateNode(c, ClassificationNode.Group.ITERATIONS);
      case "delete-area" -> new DeleteNode(c, ClassificationNode.Group.AREAS);
      case "delete-iteration" -> new DeleteNode(c, ClassificationNode.Group.ITERATIONS);
      default -> throw new IllegalArgumentException("no writer for endpoint " + name);
    };
  }

  /** Returns the value of a call, or null when the service answers 404. */
  static <T> T orNull(Supplier<T> call) {
    try {
      return call.get();
    } catch (AzdoException e) {
      if (e.kind() == AzdoException.Kind.NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }
}
