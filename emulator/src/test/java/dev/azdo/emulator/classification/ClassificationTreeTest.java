package dev.azdo.emulator.classification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.emulator.Http;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.model.ClassificationTree;
import dev.azdo.emulator.model.ProjectDirectory;
import dev.azdo.emulator.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassificationTreeTest {
  @Test
  void treeAnswersWhetherWorkItemPathsExistAndTheirNodeIds() {
    try (Emulator emulator = Emulator.startDefault()) {
      ClassificationTree tree = emulator.context().require(ClassificationTree.class);
      String projectId = emulator.context().require(ProjectDirectory.class).find("Demo").id();
      assertThat(tree.exists(projectId, "Area", "Demo")).isTrue();
      assertThat(tree.exists(projectId, "Area", "Demo\\Team A")).isTrue();
      assertThat(tree.exists(projectId, "Area", "demo\\team a")).isTrue();
      assertThat(tree.exists(projectId, "Iteration", "Demo\\Sprint 2")).isTrue();
      assertThat(tree.exists(projectId, "Area", "Demo\\Sprint 2")).isFalse();
      assertThat(tree.exists(projectId, "Area", "Other\\Team A")).isFalse();
      assertThat(tree.nodeId(projectId, "Area", "Demo\\Nope")).isZero();
      Http http = new Http(emulator);
      int teamA =
          http.get("Demo/_apis/wit/classificationnodes/Areas/Team%20A?api-version=7.1")
              .json()
              .path("id")
              .asInt();
      assertThat(tree.nodeId(projectId, "Area", "Demo\\Team A")).isEqualTo(teamA);
      int root =
          http.get("Demo/_apis/wit/classificationnodes/Areas?api-version=7.1")
              .json()
              .path("id")
              .asInt();
      assertThat(tree.nodeId(projectId, "Area", "Demo")).isEqualTo(root);
    }
  }

  @Test
  void nodesSurviveARestartWithTheSameIds() throws Exception {
    Path dir = Files.createTempDirectory("classification");
    EmulatorConfig config = EmulatorConfig.builder().dataDir(dir).build();
    int id;
    try (Emulator first = Emulator.create(config).start()) {
      Http.Res r =
          new Http(first)
              .post(
                  "Demo/_apis/wit/classificationnodes/Areas/Team%20A?api-version=7.1",
                  Map.of("name", "Kept"));
      assertThat(r.status()).isEqualTo(201);
      id = r.json().path("id").asInt();
    }
    try (Emulator second = Emulator.create(config).start()) {
      Http http = new Http(second);
      Http.Res r =
          http.get("Demo/_apis/wit/classificationnodes/Areas/Team%20A/Kept?api-version=7.1");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().path("id").asInt()).isEqualTo(id);
      Http.Res next =
          http.post(
              "Demo/_apis/wit/classificationnodes/Areas?api-version=7.1", Map.of("name", "After"));
      assertThat(next.json().path("id").asInt()).isGreaterThan(id);
    }
  }

  @Test
  void listenerHearsRenamesAndDeletionsInsideTheTransaction() {
    try (Emulator emulator = Emulator.startDefault()) {
      List<String> heard = new ArrayList<>();
      emulator
          .context()
          .provide(
              ClassificationListener.class,
              new ClassificationListener() {
                @Override
                public void pathsChanged(
                    Store.Tx tx, String projectId, String structure, Map<Integer, String> paths) {
                  heard.add(structure + " " + paths.values());
                }

                @Override
                public void nodesDeleted(
                    Store.Tx tx,
                    String projectId,
                    String structure,
                    List<Integer> deletedIds,
                    Integer targetId,
                    String targetPath) {
                  heard.add("deleted " + deletedIds.size() + " -> " + targetPath);
                }
              });
      Http http = new Http(emulator);
      http.post(
          "Demo/_apis/wit/classificationnodes/Areas/Team%20A?api-version=7.1",
          Map.of("name", "Leaf"));
      Http.Res renamed =
          http.send(
              "PATCH",
              "Demo/_apis/wit/classificationnodes/Areas/Team%20A?api-version=7.1",
              Json.write(Map.of("name", "Team Z")),
              "application/json");
      assertThat(renamed.status()).isEqualTo(200);
      Http.Res deleted =
          http.delete(
              "Demo/_apis/wit/classificationnodes/Areas/Team%20Z?$reclassifyId="
                  + http.get("Demo/_apis/wit/classificationnodes/Areas/Team%20B?api-version=7.1")
                      .json()
                      .path("id")
                      .asInt()
                  + "&api-version=7.1");
      assertThat(deleted.status()).isEqualTo(204);
      assertThat(heard)
          .containsExactly("area [Demo\\Team Z, Demo\\Team Z\\Leaf]", "deleted 2 -> Demo\\Team B");
    }
  }
}
