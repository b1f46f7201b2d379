package dev.azdo.emulator.work;

import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.model.TeamIterations;
import dev.azdo.emulator.store.Table;
import dev.azdo.emulator.store.TableKey;
import java.util.List;

/** The iterations each team has chosen (table "teamIterations", key = team id). */
final class TeamSprints implements TeamIterations {
  private static final TableKey<Chosen> TEAM_ITERATIONS =
      new TableKey<>("teamIterations", Chosen.class);

  /** A team's chosen iteration node ids, in the order they were added. */
  record Chosen(String teamId, List<Integer> nodeIds) {}

  final Table<Chosen> table;

  TeamSprints(EmulatorContext ctx) {
    this.table = ctx.store().table(TEAM_ITERATIONS);
  }

  @Override
  public List<Integer> iterationIds(String teamId) {
    Chosen c = table.get(teamId);
    return c == null ? null : c.nodeIds();
  }
}
