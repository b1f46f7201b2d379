package dev.azdo.emulator.wit;

import static dev.azdo.emulator.wit.Wit.createOk;
import static dev.azdo.emulator.wit.Wit.patch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.Http;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
  static Emulator emulator;
  static Http http;
  static ExecutorService pool;

  @BeforeAll
  static void start() {
    emulator = Emulator.startDefault();
    http = new Http(emulator);
    pool = Executors.newFixedThreadPool(8);
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
    emulator.close();
  }

  @Test
  void parallelCreatesGetDistinctIds() {
    List<CompletableFuture<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      int n = i;
      calls.add(
          CompletableFuture.supplyAsync(
              () -> createOk(http, "Task", "parallel " + n).path("id").asInt(), pool));
    }
    Set<Integer> ids = new HashSet<>();
    calls.forEach(c -> ids.add(c.join()));
    assertThat(ids).hasSize(40);
  }

  @Test
  void onlyOneOfParallelUpdatesTestingTheSameRevWins() {
    int id = createOk(http, "Task", "contested").path("id").asInt();
    List<CompletableFuture<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      int n = i;
      calls.add(
          CompletableFuture.supplyAsync(
              () ->
                  Wit.update(
                          http,
                          id,
                          patch("test", "/rev", 1, "replace", "/fields/System.Title", "w" + n),
                          null)
                      .status(),
              pool));
    }
    List<Integer> statuses = new ArrayList<>();
    calls.forEach(c -> statuses.add(c.join()));
    assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
    assertThat(statuses).filteredOn(s -> s == 412).hasSize(7);
    assertThat(Wit.get(http, id, null).json().path("rev").asInt()).isEqualTo(2);
  }
}
