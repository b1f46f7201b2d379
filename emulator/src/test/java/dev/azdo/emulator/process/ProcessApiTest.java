package dev.azdo.emulator.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.emulator.Http;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProcessApiTest {
  static Emulator emulator;
  static Http http;

  @BeforeAll
  static void start() {
    emulator =
        Emulator.create(EmulatorConfig.builder().customField("Custom.Budget:double").build())
            .start();
    http = new Http(emulator);
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Test
  void fieldsAreListedAtOrganizationAndProjectLevel() {
    Http.Res org = http.get("_apis/wit/fields?api-version=7.1");
    assertThat(org.status()).isEqualTo(200);
    assertThat(org.json().path("count").asInt()).isEqualTo(org.json().path("value").size());
    assertThat(names(org.json(), "referenceName"))
        .contains("System.Title", "System.AreaPath", "Custom.Budget");
    Http.Res project = http.get("Demo/_apis/wit/fields?api-version=7.1");
    assertThat(project.status()).isEqualTo(200);
    assertThat(project.json().path("count").asInt()).isEqualTo(org.json().path("count").asInt());
  }

  @Test
  void fieldIsFoundByReferenceNameOrDisplayName() {
    Http.Res byRef = http.get("_apis/wit/fields/System.AssignedTo?api-version=7.1");
    assertThat(byRef.status()).isEqualTo(200);
    JsonNode f = byRef.json();
    assertThat(f.path("name").asText()).isEqualTo("Assigned To");
    assertThat(f.path("type").asText()).isEqualTo("identity");
    assertThat(f.path("isIdentity").asBoolean()).isTrue();
    assertThat(f.path("readOnly").asBoolean()).isFalse();
    assertThat(f.path("usage").asText()).isEqualTo("workItem");
    assertThat(f.path("supportedOperations").size()).isGreaterThan(3);
    assertThat(f.path("url").asText())
        .isEqualTo(emulator.url() + "/_apis/wit/fields/System.AssignedTo");
    Http.Res byName = http.get("Demo/_apis/wit/fields/Area%20Path?api-version=7.1");
    assertThat(byName.status()).isEqualTo(200);
    assertThat(byName.json().path("referenceName").asText()).isEqualTo("System.AreaPath");
    assertThat(byName.json().path("type").asText()).isEqualTo("treePath");
    assertThat(names(byName.json().path("supportedOperations"), "name")).contains("Under");
  }

  @Test
  void unknownFieldIsA404WithTf51535() {
    Http.Res r = http.get("_apis/wit/fields/Custom.Nope?api-version=7.1");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().path("message").asText())
        .isEqualTo("TF51535: Cannot find field Custom.Nope.");
  }

  @Test
  void workItemTypesOfTheDefaultAgileProjectAreListed() {
    Http.Res r = http.get("Demo/_apis/wit/workitemtypes?api-version=7.1");
    assertThat(r.status()).isEqualTo(200);
    assertThat(names(r.json().path("value"), "name"))
        .containsExactly("Bug", "Epic", "Feature", "Issue", "Task", "Test Case", "User Story");
    JsonNode bug = r.json().path("value").get(0);
    assertThat(bug.path("referenceName").asText()).isEqualTo("Microsoft.VSTS.WorkItemTypes.Bug");
    assertThat(bug.path("color").asText()).isEqualTo("CC293D");
    assertThat(bug.at("/icon/id").asText()).isEqualTo("icon_insect");
    assertThat(bug.path("isDisabled").asBoolean()).isFalse();
    assertThat(bug.path("xmlForm").asText())
        .startsWith("<FORM>")
        .contains("FieldName=\"System.Title\"");
    assertThat(bug.at("/states/0/name").asText()).isEqualTo("New");
    assertThat(bug.at("/transitions//0/to").asText()).isEqualTo("New");
    assertThat(names(bug.path("fields"), "referenceName"))
        .contains("System.Title", "Microsoft.VSTS.TCM.ReproSteps", "Custom.Budget");
  }

  @Test
  void workItemTypeIsFoundByNameWithSpaces() {
    Http.Res r = http.get("Demo/_apis/wit/workitemtypes/User%20Story?api-version=7.1");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("name").asText()).isEqualTo("User Story");
    assertThat(r.json().path("url").asText()).endsWith("/_apis/wit/workItemTypes/User%20Story");
    assertThat(r.json().at("/_links/self/href").asText()).isEqualTo(r.json().path("url").asText());
    JsonNode title = null;
    for (JsonNode f : r.json().path("fields")) {
      if (f.path("referenceName").asText().equals("System.Title")) {
        title = f;
      }
    }
    assertThat(title).isNotNull();
    assertThat(title.path("alwaysRequired").asBoolean()).isTrue();
    assertThat(title.path("helpText").asText()).isNotBlank();
  }

  @Test
  void unknownWorkItemTypeIsA404WithVs402323() {
    Http.Res r = http.get("Demo/_apis/wit/workitemtypes/Product%20Backlog%20Item?api-version=7.1");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().path("message").asText())
        .startsWith("VS402323: Work item type Product Backlog Item does not exist in project Demo");
    Http.Res noProject = http.get("Nowhere/_apis/wit/workitemtypes?api-version=7.1");
    assertThat(noProject.status()).isEqualTo(404);
  }

  @Test
  void typeFieldsExpandAllowedValuesAndDefaults() {
    Http.Res r =
        http.get("Demo/_apis/wit/workitemtypes/Bug/fields?$expand=allowedValues&api-version=7.1");
    assertThat(r.status()).isEqualTo(200);
    JsonNode priority = find(r.json().path("value"), "Microsoft.VSTS.Common.Priority");
    assertThat(priority.path("defaultValue").asText()).isEqualTo("2");
    assertThat(names(priority.path("allowedValues"), null)).containsExactly("1", "2", "3", "4");
    assertThat(priority.has("dependentFields")).isFalse();
    JsonNode state = find(r.json().path("value"), "System.State");
    assertThat(names(state.path("allowedValues"), null))
        .containsExactly("New", "Active", "Resolved", "Closed");
    JsonNode severity = find(r.json().path("value"), "Microsoft.VSTS.Common.Severity");
    assertThat(severity.path("defaultValue").asText()).isEqualTo("3 - Medium");
    Http.Res plain = http.get("Demo/_apis/wit/workitemtypes/Bug/fields?api-version=7.1");
    JsonNode p = find(plain.json().path("value"), "Microsoft.VSTS.Common.Priority");
    assertThat(p.has("allowedValues")).isFalse();
    assertThat(p.path("alwaysRequired").asBoolean()).isFalse();
  }

  @Test
  void typeFieldIsFoundAloneWithDependentFieldsByExpandNumber() {
    Http.Res r =
        http.get(
            "Demo/_apis/wit/workitemtypes/Bug/fields/System.AreaPath?$expand=3&api-version=7.1");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("name").asText()).isEqualTo("Area Path");
    assertThat(r.json().at("/dependentFields/0/referenceName").asText()).isEqualTo("System.AreaId");
    assertThat(r.json().has("allowedValues")).isTrue();
    Http.Res notOnType =
        http.get(
            "Demo/_apis/wit/workitemtypes/Task/fields/Microsoft.VSTS.TCM.ReproSteps"
                + "?api-version=7.1");
    assertThat(notOnType.status()).isEqualTo(404);
    assertThat(notOnType.json().path("message").asText()).startsWith("TF51535");
  }

  @Test
  void statesOfATypeHaveColorsAndCategories() {
    Http.Res r = http.get("Demo/_apis/wit/workitemtypes/User%20Story/states?api-version=7.1");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("count").asInt()).isEqualTo(5);
    JsonNode first = r.json().path("value").get(0);
    assertThat(first.path("name").asText()).isEqualTo("New");
    assertThat(first.path("color").asText()).isEqualTo("b2b2b2");
    assertThat(first.path("category").asText()).isEqualTo("Proposed");
    assertThat(names(r.json().path("value"), "category"))
        .containsExactly("Proposed", "InProgress", "Resolved", "Completed", "Removed");
  }

  @Test
  void typeCategoriesNameTheDefaultTypeOfEachBacklogLevel() {
    Http.Res all = http.get("Demo/_apis/wit/workitemtypecategories?api-version=7.1");
    assertThat(all.status()).isEqualTo(200);
    assertThat(names(all.json().path("value"), "referenceName"))
        .contains("Microsoft.RequirementCategory", "Microsoft.BugCategory");
    Http.Res req =
        http.get(
            "Demo/_apis/wit/workitemtypecategories/Microsoft.RequirementCategory?api-version=7.1");
    assertThat(req.status()).isEqualTo(200);
    assertThat(req.json().at("/defaultWorkItemType/name").asText()).isEqualTo("User Story");
    assertThat(req.json().at("/workItemTypes/0/url").asText()).endsWith("/User%20Story");
    Http.Res missing =
        http.get("Demo/_apis/wit/workitemtypecategories/Microsoft.NopeCategory?api-version=7.1");
    assertThat(missing.status()).isEqualTo(404);
  }

  @Test
  void relationTypesAreListedAndFoundByReferenceName() {
    Http.Res all = http.get("_apis/wit/workitemrelationtypes?api-version=7.1");
    assertThat(all.status()).isEqualTo(200);
    assertThat(all.json().path("count").asInt()).isEqualTo(18);
    Http.Res child =
        http.get(
            "_apis/wit/workitemrelationtypes/System.LinkTypes.Hierarchy-Forward?api-version=7.1");
    assertThat(child.status()).isEqualTo(200);
    JsonNode c = child.json();
    assertThat(c.path("name").asText()).isEqualTo("Child");
    assertThat(c.at("/attributes/topology").asText()).isEqualTo("tree");
    assertThat(c.at("/attributes/singleTarget").asBoolean()).isFalse();
    assertThat(c.at("/attributes/oppositeEndReferenceName").asText())
        .isEqualTo("System.LinkTypes.Hierarchy-Reverse");
    Http.Res missing = http.get("_apis/wit/workitemrelationtypes/Nope?api-version=7.1");
    assertThat(missing.status()).isEqualTo(404);
  }

  @Test
  void iconsAreListedAndFoundById() {
    Http.Res all = http.get("_apis/wit/workitemicons?api-version=7.1-preview.1");
    assertThat(all.status()).isEqualTo(200);
    assertThat(names(all.json().path("value"), "id")).contains("icon_insect", "icon_book");
    Http.Res one =
        http.get("_apis/wit/workitemicons/icon_crown?color=FF7B00&api-version=7.1-preview.1");
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().path("url").asText()).contains("icon_crown?color=FF7B00");
    assertThat(http.get("_apis/wit/workitemicons/icon_nope?api-version=7.1-preview.1").status())
        .isEqualTo(404);
  }

  @Test
  void optionsListsTheWitLocationsWithTheServicesIds() {
    Http.Res r = http.send("OPTIONS", "_apis/wit", null, null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(names(r.json().path("value"), "id"))
        .contains(
            "b51fd764-e5c2-4b9b-aaf7-3395cf4bdd94",
            "7c8d7a76-4a09-43e8-b5df-bd792f4ac6aa",
            "bd293ce5-3d25-4192-8e67-e8092e879efb",
            "7c9d7a76-4a09-43e8-b5df-bd792f4ac6aa",
            "f5d33bc9-5b49-4a3c-a9bd-f3cd46dd2165");
  }

  @Test
  void aScrumOrganizationServesScrumTypes() {
    try (Emulator scrum = Emulator.create(EmulatorConfig.builder().process("Scrum").build())) {
      scrum.start();
      Http h = new Http(scrum);
      Http.Res r = h.get("Demo/_apis/wit/workitemtypes?api-version=7.1");
      assertThat(r.status()).isEqualTo(200);
      assertThat(names(r.json().path("value"), "name"))
          .contains("Product Backlog Item", "Impediment")
          .doesNotContain("User Story");
    }
  }

  private static JsonNode find(JsonNode array, String ref) {
    for (JsonNode n : array) {
      if (n.path("referenceName").asText().equals(ref)) {
        return n;
      }
    }
    throw new AssertionError("no " + ref + " in " + array);
  }

  private static List<String> names(JsonNode array, String key) {
    JsonNode a = array.has("value") ? array.path("value") : array;
    List<String> out = new ArrayList<>();
    for (JsonNode n : a) {
      out.add(key == null ? n.asText() : n.path(key).asText());
    }
    return out;
  }
}
