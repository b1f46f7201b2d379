package dev.azdo.emulator.wiql;

import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.EmulatorModule;

/** The wiql area of the REST API. */
public final class WiqlModule implements EmulatorModule {
  @Override
  public void register(EmulatorContext ctx) {}
}
