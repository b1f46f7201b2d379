package dev.azdo.emulator.wit;

import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.EmulatorModule;

/** The wit area of the REST API. */
public final class WitModule implements EmulatorModule {
  @Override
  public void register(EmulatorContext ctx) {}
}
