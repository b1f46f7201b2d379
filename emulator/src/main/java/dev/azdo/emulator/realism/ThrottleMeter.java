package dev.azdo.emulator.realism;

import dev.azdo.emulator.model.Identity;

/**
 * Charges Azure DevOps throughput units (TSTUs) to an identity's budget; the realism module
 * provides it ({@code ctx.require(ThrottleMeter.class)}). Thread-safe.
 */
public interface ThrottleMeter {
  /** Charges extra TSTUs to an identity, for work that the per-request charge does not cover. */
  void charge(Identity identity, double tstu);

  /**
   * Reports how many work item operations the request being served performs (a $batch of 200
   * creates reports 200), replacing the emulator's own estimate from the path and body. Call it
   * from the handler's thread while serving.
   */
  void workItemOperations(int count);
}
