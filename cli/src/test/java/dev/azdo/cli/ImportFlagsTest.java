package dev.azdo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.pipeline.config.JobConfig;
import dev.azdo.pipeline.config.JobKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ImportFlagsTest {
  private static String run(StringWriter out, StringWriter err, String... args) {
    int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return code + "|" + out + "|" + err;
  }

  @Test
  void everyJobSettingWithAFlagIsAnOptionOfAzdoImportWithItsHelp() {
    StringWriter out = new StringWriter();
    run(out, new StringWriter(), "import", "--help");
    for (JobKey k : JobConfig.keys()) {
      if (k.flag() != null) {
        assertThat(out.toString()).contains(k.flag());
        assertThat(out.toString().replaceAll("\\s+", " "))
            .contains(k.doc().replaceAll("\\s+", " ").substring(0, Math.min(15, k.doc().length())));
      }
    }
  }

  @Test
  void aBadFlagValueGetsTheDefinitionsOneMessageBeforeAnyConnection() {
    StringWriter err = new StringWriter();
    String result =
        run(
            new StringWriter(),
            err,
            "import",
            "in.csv",
            "--org-url",
            "http://127.0.0.1:9/demo",
            "--pat",
            "not-a-real-pat",
            "--project",
            "Demo",
            "--batch-size",
            "0");
    assertThat(err.toString()).contains("azdo: --batch-size: must be 1 to 200, was 0");
    assertThat(result).startsWith("2|");
  }
}
