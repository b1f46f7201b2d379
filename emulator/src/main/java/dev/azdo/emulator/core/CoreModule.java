package dev.azdo.emulator.core;

import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.EmulatorModule;

/** The core area of the REST API. */
public final class CoreModule implements EmulatorModule {
  @Override
  public void register(EmulatorContext ctx) {}
}
