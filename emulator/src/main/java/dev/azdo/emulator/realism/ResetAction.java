package dev.azdo.emulator.realism;

/** Clears the emulator's state and seeds it again, as the control API's reset asks. */
@FunctionalInterface
public interface ResetAction {
  /** Clears every table and runs every module's seed. */
  void reset();
}
