package dev.azdo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.pipeline.endpoint.EndpointSpec;
import dev.azdo.pipeline.endpoint.Endpoints;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** `azdo endpoints [NAME]` prints the catalogue in process. */
class EndpointsCommandTest {
  private record Result(int exit, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(exit, out.toString(), err.toString());
  }

  @Test
  void withoutANameListsEveryEndpointWithItsDescription() {
    Result r = run("endpoints");

    assertThat(r.exit()).isZero();
    assertThat(r.err()).isEmpty();
    for (EndpointSpec e : Endpoints.all()) {
      assertThat(r.out())
          .containsPattern(
              "(?m)^" + e.name() + " +(write|read ) +" + Pattern.quote(e.description()));
    }
    assertThat(r.out()).containsPattern("(?m)^add-comment +write +Adds a comment");
    assertThat(r.out()).containsPattern("(?m)^list-projects +read +Lists the organization");
  }

  @Test
  void withANameShowsPropertiesAndInputAndOutputColumns() {
    Result r = run("endpoints", "add-link");

    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .startsWith("add-link (write): Links two work items")
        .contains("Properties:")
        .containsPattern("(?m)^  key-field +field holding the work item keys")
        .contains("Input columns:")
        .containsPattern("(?m)^  SourceId +one of SourceId or SourceKey +id of the work item")
        .containsPattern(
            "(?m)^  LinkType +required +parent, child, related, predecessor, successor")
        .containsPattern("(?m)^  Comment +optional +comment on the link")
        .contains("Output columns:")
        .containsPattern("(?m)^  Id +the source work item id");
  }

  @Test
  void aReadEndpointHasNoInputColumns() {
    Result r = run("endpoints", "LIST-ITERATIONS");

    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .startsWith("list-iterations (read): ")
        .doesNotContain("Input columns:")
        .containsPattern("(?m)^  StartDate +iteration start");
  }

  @Test
  void anUnknownNameIsOneLineListingTheKnownNamesWithExitCode2() {
    Result r = run("endpoints", "add-coment");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().strip())
        .isEqualTo("azdo: unknown endpoint 'add-coment'; known: " + Endpoints.names());
    assertThat(r.err().strip().lines()).hasSize(1);
  }
}
