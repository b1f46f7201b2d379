package dev.azdo.emulator.realism;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.emulator.store.DataDirectoryInUseException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One emulator per data folder: a second one on the same folder stops with one line. */
class DataDirectoryLockTest {
  @TempDir Path data;

  private Emulator emulator() {
    return Emulator.create(EmulatorConfig.builder().dataDir(data).build());
  }

  @Test
  void aSecondEmulatorInTheSameProcessIsRefusedNamingTheFolderAndTheRunningOne() {
    try (Emulator first = emulator().start()) {
      assertThatThrownBy(() -> emulator().start())
          .isInstanceOf(DataDirectoryInUseException.class)
          .hasMessage(
              "the data folder "
                  + data
                  + " is in use by another emulator (process "
                  + ProcessHandle.current().pid()
                  + " at "
                  + first.url()
                  + ")");
    }
    // Once the first one has stopped, the folder is free again.
    try (Emulator again = emulator().start()) {
      assertThat(again.url()).startsWith("http://127.0.0.1:");
    }
  }

  @Test
  void aSecondEmulatorProcessExitsWithOneLineOnStderr() throws Exception {
    try (Emulator first = emulator().start()) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process p =
          new ProcessBuilder(
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  "dev.azdo.emulator.EmulatorMain",
                  "--port",
                  "0",
                  "--data",
                  data.toString())
              .start();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.exitValue()).isEqualTo(1);
      assertThat(out).isEmpty();
      assertThat(err)
          .isEqualTo(
              "azdo emulator: the data folder "
                  + data
                  + " is in use by another emulator (process "
                  + ProcessHandle.current().pid()
                  + " at "
                  + first.url()
                  + ")"
                  + System.lineSeparator());
    }
  }
}
