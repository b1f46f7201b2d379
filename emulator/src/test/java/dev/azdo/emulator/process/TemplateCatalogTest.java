package dev.azdo.emulator.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azdo.emulator.model.FieldDef;
import dev.azdo.emulator.model.StateDef;
import dev.azdo.emulator.model.WorkItemTypeDef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateCatalogTest {
  static final String AGILE = "adcc42ab-9882-485e-a3ed-7678f01f66bc";
  static final String SCRUM = "6b724908-ef14-45cf-84f8-768b5384da45";
  static final String BASIC = "b8a3a935-7e91-48b8-a94c-606d37c3e9f2";
  static final String CMMI = "27450541-8e31-4150-9947-dc59f998fc01";
  static final List<String> PROCESSES = List.of(AGILE, SCRUM, BASIC, CMMI);

  final TemplateCatalog catalog =
      new TemplateCatalog(ProcessTemplates.load(), List.of("Custom.Risk2", "Custom.Budget:double"));

  @Test
  void eachProcessHasTheServicesWorkItemTypes() {
    assertThat(names(AGILE))
        .containsExactly("Bug", "Epic", "Feature", "Issue", "Task", "Test Case", "User Story");
    assertThat(names(SCRUM))
        .containsExactly(
            "Bug", "Epic", "Feature", "Impediment", "Product Backlog Item", "Task", "Test Case");
    assertThat(names(BASIC)).containsExactly("Epic", "Issue", "Task");
    assertThat(names(CMMI))
        .containsExactly(
            "Bug",
            "Change Request",
            "Epic",
            "Feature",
            "Issue",
            "Requirement",
            "Review",
            "Risk",
            "Task",
            "Test Case");
  }

  @Test
  void everyTypeRequiresTitleAndStateAndKnowsAllItsFields() {
    for (String p : PROCESSES) {
      for (WorkItemTypeDef t : catalog.types(p)) {
        assertThat(t.requiredFields()).as(t.name()).contains("System.Title", "System.State");
        assertThat(t.fields()).as(t.name()).contains("System.Title", "System.AreaPath");
        for (String f : t.fields()) {
          assertThat(catalog.find(f)).as(t.name() + " " + f).isNotNull();
        }
        for (String f : t.requiredFields()) {
          assertThat(t.fields()).as(t.name() + " requires " + f).contains(f);
        }
      }
    }
  }

  @Test
  void everyStateHasACategoryAndADefaultReasonAndTheFirstIsInitial() {
    for (String p : PROCESSES) {
      for (WorkItemTypeDef t : catalog.types(p)) {
        assertThat(t.states()).as(t.name()).isNotEmpty();
        for (StateDef s : t.states()) {
          assertThat(s.category())
              .isIn("Proposed", "InProgress", "Resolved", "Completed", "Removed");
          assertThat(t.defaultReasons().get(s.name())).as(t.name() + " " + s.name()).isNotBlank();
        }
        assertThat(t.states().get(0).category()).isNotIn("Completed", "Removed");
      }
    }
    assertThat(stateNames(AGILE, "Bug")).containsExactly("New", "Active", "Resolved", "Closed");
    assertThat(stateNames(AGILE, "User Story"))
        .containsExactly("New", "Active", "Resolved", "Closed", "Removed");
    assertThat(stateNames(AGILE, "Issue")).containsExactly("Active", "Closed");
    assertThat(stateNames(SCRUM, "Product Backlog Item"))
        .containsExactly("New", "Approved", "Committed", "Done", "Removed");
    assertThat(stateNames(BASIC, "Task")).containsExactly("To Do", "Doing", "Done");
    assertThat(stateNames(CMMI, "Requirement"))
        .containsExactly("Proposed", "Active", "Resolved", "Closed");
    assertThat(catalog.type(AGILE, "User Story").defaultReasons())
        .containsEntry("New", "New")
        .containsEntry("Active", "Implementation started");
  }

  @Test
  void defaultsAreAllowedValuesOfTheirFields() {
    for (String p : PROCESSES) {
      for (WorkItemTypeDef t : catalog.types(p)) {
        for (Map.Entry<String, String> d : t.defaults().entrySet()) {
          assertThat(t.fields()).contains(d.getKey());
          FieldDef f = catalog.find(d.getKey());
          if (!f.allowedValues().isEmpty()) {
            assertThat(f.allowedValues())
                .as(t.name() + " " + f.referenceName())
                .contains(d.getValue());
          }
        }
      }
    }
    WorkItemTypeDef bug = catalog.type(AGILE, "Bug");
    assertThat(bug.defaults())
        .containsEntry("Microsoft.VSTS.Common.Priority", "2")
        .containsEntry("Microsoft.VSTS.Common.Severity", "3 - Medium")
        .containsEntry("Microsoft.VSTS.Common.ValueArea", "Business");
    assertThat(bug.fields()).contains("Microsoft.VSTS.TCM.ReproSteps");
  }

  @Test
  void fieldsHaveTheServicesTypesAndReadOnlyFlags() {
    assertThat(catalog.find("System.Title").type()).isEqualTo("string");
    assertThat(catalog.find("System.Description").type()).isEqualTo("html");
    assertThat(catalog.find("System.History").type()).isEqualTo("history");
    assertThat(catalog.find("System.AreaPath").type()).isEqualTo("treePath");
    assertThat(catalog.find("System.AreaPath").readOnly()).isFalse();
    assertThat(catalog.find("System.AssignedTo").identity()).isTrue();
    assertThat(catalog.find("Microsoft.VSTS.Scheduling.StoryPoints").type()).isEqualTo("double");
    assertThat(catalog.find("Microsoft.VSTS.Scheduling.StartDate").type()).isEqualTo("dateTime");
    assertThat(catalog.find("Microsoft.VSTS.Common.Priority").allowedValues())
        .containsExactly("1", "2", "3", "4");
    for (String ro :
        List.of(
            "System.Id",
            "System.Rev",
            "System.CreatedDate",
            "System.ChangedBy",
            "System.AuthorizedDate",
            "System.RevisedDate",
            "System.Watermark",
            "System.TeamProject",
            "System.AreaId",
            "System.IterationId",
            "System.NodeName",
            "System.AreaLevel1",
            "System.CommentCount",
            "System.BoardColumn")) {
      assertThat(catalog.find(ro).readOnly()).as(ro).isTrue();
    }
    assertThat(catalog.find("System.Title").readOnly()).isFalse();
  }

  @Test
  void fieldsAndTypesAreFoundByReferenceOrDisplayNameInAnyCase() {
    assertThat(catalog.find("Assigned To").referenceName()).isEqualTo("System.AssignedTo");
    assertThat(catalog.find("system.assignedto").name()).isEqualTo("Assigned To");
    assertThat(catalog.find("Story Points").referenceName())
        .isEqualTo("Microsoft.VSTS.Scheduling.StoryPoints");
    assertThat(catalog.find("No Such Field")).isNull();
    assertThat(catalog.type(AGILE, "user story").name()).isEqualTo("User Story");
    assertThat(catalog.type(AGILE, "Microsoft.VSTS.WorkItemTypes.Bug").name()).isEqualTo("Bug");
    assertThat(catalog.type(AGILE, "Product Backlog Item")).isNull();
    assertThat(catalog.types("not-a-process")).isEmpty();
  }

  @Test
  void customFieldsAppearOnEveryTypeOfEveryProcess() {
    assertThat(catalog.find("Custom.Risk2").type()).isEqualTo("string");
    assertThat(catalog.find("Budget").type()).isEqualTo("double");
    for (String p : PROCESSES) {
      for (WorkItemTypeDef t : catalog.types(p)) {
        assertThat(t.fields()).as(t.name()).contains("Custom.Risk2", "Custom.Budget");
      }
    }
  }

  @Test
  void customFieldNamedLikeASystemFieldIsRefused() {
    assertThatThrownBy(
            () -> new TemplateCatalog(ProcessTemplates.load(), List.of("Custom.Priority")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Microsoft.VSTS.Common.Priority");
  }

  @Test
  void customFieldWithAnUnknownTypeIsRefused() {
    assertThatThrownBy(() -> TemplateCatalog.customField("Custom.X:money"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Custom.X:money");
    assertThat(TemplateCatalog.customField("Custom.When:datetime").type()).isEqualTo("dateTime");
  }

  @Test
  void everyCategoryNamesTypesOfItsProcess() {
    for (String p : PROCESSES) {
      assertThat(catalog.categories(p)).isNotEmpty();
      for (ProcessTemplates.Category c : catalog.categories(p)) {
        for (String t : c.types()) {
          assertThat(catalog.type(p, t)).as(c.referenceName() + " " + t).isNotNull();
        }
      }
    }
    assertThat(catalog.categories(SCRUM))
        .filteredOn(c -> c.referenceName().equals("Microsoft.RequirementCategory"))
        .singleElement()
        .satisfies(c -> assertThat(c.types()).containsExactly("Product Backlog Item"));
  }

  @Test
  void relationTypesIncludeHierarchyRelatedAndResourceLinks() {
    assertThat(catalog.relationTypes())
        .extracting(ProcessTemplates.RelationType::referenceName)
        .contains(
            "System.LinkTypes.Hierarchy-Forward",
            "System.LinkTypes.Hierarchy-Reverse",
            "System.LinkTypes.Related",
            "System.LinkTypes.Dependency-Forward",
            "System.LinkTypes.Duplicate-Reverse",
            "Hyperlink",
            "AttachedFile",
            "ArtifactLink");
  }

  private List<String> names(String process) {
    return catalog.types(process).stream().map(WorkItemTypeDef::name).toList();
  }

  private List<String> stateNames(String process, String type) {
    return catalog.type(process, type).states().stream().map(StateDef::name).toList();
  }
}
