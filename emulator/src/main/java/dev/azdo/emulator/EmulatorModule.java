package dev.azdo.emulator;

/** One area of the REST API: declares its tables, routes and seed data. */
public interface EmulatorModule {
  /** Declares tables and routes; called before the store is opened. */
  void register(EmulatorContext ctx);

  /** Seeds initial data when the store is empty (a fresh start without saved data). */
  default void seed(EmulatorContext ctx) {}
}
