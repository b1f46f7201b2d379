package dev.azdo.emulator.realism;

import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.EmulatorModule;

/** The realism part of the emulator. */
public final class RealismModule implements EmulatorModule {
  @Override
  public void register(EmulatorContext ctx) {}
}
