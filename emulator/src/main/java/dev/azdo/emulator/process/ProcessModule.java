package dev.azdo.emulator.process;

import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.EmulatorModule;

/** The process part of the emulator. */
public final class ProcessModule implements EmulatorModule {
  @Override
  public void register(EmulatorContext ctx) {}
}
