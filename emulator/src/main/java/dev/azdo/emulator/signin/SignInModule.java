package dev.azdo.emulator.signin;

import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.EmulatorModule;

/** OAuth sign-in: the legacy Azure DevOps endpoints and Microsoft Entra ID style endpoints. */
public final class SignInModule implements EmulatorModule {
  @Override
  public void register(EmulatorContext ctx) {}
}
