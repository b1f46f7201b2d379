package dev.azdo.emulator.compat;

import dev.azdo.emulator.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A contract test class: one default emulator ({@link ContractSession}) started before the class's
 * tests and stopped after them, with its HTTP helper and seeded project at hand.
 */
abstract class AbstractContractTest {
  /** The emulator session of the running test class. */
  static ContractSession session;

  /** Requests to that emulator. */
  static Http http;

  /** Its seeded project's name. */
  static String project;

  /** Starts the emulator for the class. */
  @BeforeAll
  static void startEmulator() {
    session = ContractSession.start();
    http = session.http;
    project = session.project;
  }

  /** Stops it after the class's last test. */
  @AfterAll
  static void stopEmulator() {
    session.close();
  }
}
