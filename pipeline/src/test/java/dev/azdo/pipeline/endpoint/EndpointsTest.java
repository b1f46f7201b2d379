package dev.azdo.pipeline.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalogue names exactly the endpoints of the product contract, each fully described. */
class EndpointsTest {

  // The names PRODUCT.md ("Endpoint names") fixes; users and scripts rely on them.
  private static final List<String> WRITE =
      List.of(
          "create-workitem",
          "update-workitem",
          "upsert-workitem",
          "delete-workitem",
          "add-comment",
          "add-link",
          "add-attachment",
          "create-project",
          "update-project",
          "delete-project",
          "create-team",
          "update-team",
          "delete-team",
          "create-area",
          "create-iteration",
          "delete-area",
          "delete-iteration");
  private static final List<String> READ =
      List.of(
          "list-projects",
          "list-teams",
          "query-workitems",
          "get-workitems",
          "list-areas",
          "list-iterations",
          "list-comments",
          "list-fields",
          "list-workitem-types",
          "list-processes");

  @Test
  void listsEveryEndpointOfTheProductContractInOrder() {
    assertThat(Endpoints.all().stream().filter(EndpointSpec::write).map(EndpointSpec::name))
        .containsExactlyElementsOf(WRITE);
    assertThat(Endpoints.all().stream().filter(e -> !e.write()).map(EndpointSpec::name))
        .containsExactlyElementsOf(READ);
  }

  @Test
  void everyEndpointIsDescribedAndWriteEndpointsHaveInputs() {
    for (EndpointSpec e : Endpoints.all()) {
      assertThat(e.description()).as(e.name()).isNotBlank().endsWith(".");
      assertThat(e.outputs()).as(e.name()).isNotEmpty();
      if (e.write()) {
        assertThat(e.property("project")).as(e.name()).isPresent();
        assertThat(e.property("journal")).as(e.name()).isPresent();
        if (!e.name().equals("delete-workitem")) {
          assertThat(e.inputs()).as(e.name()).isNotEmpty();
        }
      } else {
        assertThat(e.inputs()).as(e.name()).isEmpty();
      }
    }
  }

  @Test
  void knowsTheColumnsTheWritersRead() {
    EndpointSpec comment = Endpoints.find(" Add-Comment ").orElseThrow();
    assertThat(comment.inputs().stream().map(EndpointSpec.Column::name))
        .containsExactly("WorkItemId", "Key", "Text");
    assertThat(comment.input("text").orElseThrow().required()).isTrue();
    assertThat(comment.input("key").orElseThrow().oneOf()).isEqualTo("WorkItemId or Key");
    assertThat(Endpoints.find("create-project").orElseThrow().property("process")).isPresent();
    assertThat(
            Endpoints.find("create-iteration").orElseThrow().inputs().stream()
                .map(EndpointSpec.Column::name))
        .containsExactly("Path", "StartDate", "FinishDate");
    assertThat(Endpoints.find("no-such")).isEmpty();
  }
}
