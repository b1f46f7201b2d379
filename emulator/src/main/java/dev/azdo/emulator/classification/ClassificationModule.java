package dev.azdo.emulator.classification;

import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.EmulatorModule;

/** The classification part of the emulator. */
public final class ClassificationModule implements EmulatorModule {
  @Override
  public void register(EmulatorContext ctx) {}
}
