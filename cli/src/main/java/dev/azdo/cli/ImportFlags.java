package dev.azdo.cli;

import dev.azdo.pipeline.ImportJob;
import dev.azdo.pipeline.config.JobConfig;
import dev.azdo.pipeline.config.JobKey;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Adds the import options to {@code azdo import} from the pipeline's one job configuration
 * definition, so flags and job file keys share names, defaults, validation and help.
 */
final class ImportFlags {
  private ImportFlags() {}

  /** Adds one option per job setting that has a flag (`--endpoint`, `--map`, `--batch-size`...). */
  static void addTo(CommandSpec spec) {
    for (JobKey k : JobConfig.keys()) {
      if (k.flag() == null || spec.findOption(k.flag()) != null) {
        continue;
      }
      String def =
          k.defaultValue() == null || k.type() == JobKey.Type.BOOLEAN
              ? ""
              : " (default: " + k.defaultValue() + ")";
      OptionSpec.Builder o = OptionSpec.builder(k.flag()).description(k.doc() + def);
      if (k.type() == JobKey.Type.BOOLEAN) {
        o.arity("0").type(boolean.class);
      } else {
        o.paramLabel(k.paramLabel());
        if (k.repeatable()) {
          o.type(List.class).auxiliaryTypes(String.class);
        } else {
          o.type(String.class);
        }
      }
      spec.addOption(o.build());
    }
  }

  /** Hands every import flag the user typed to the job builder, as text. */
  static void apply(CommandSpec spec, ImportJob.Builder job) {
    for (JobKey k : JobConfig.keys()) {
      OptionSpec o = k.flag() == null ? null : spec.findOption(k.flag());
      if (o == null || !spec.commandLine().getParseResult().hasMatchedOption(o)) {
        continue;
      }
      Object v = o.getValue();
      if (k.type() == JobKey.Type.BOOLEAN) {
        // A --no-X flag turns a setting that defaults to true off.
        boolean on = Boolean.TRUE.equals(v);
        job.put(k, k.flag().startsWith("--no-") ? !on : on);
      } else if (v instanceof List<?> list) {
        list.forEach(item -> job.set(k, item.toString()));
      } else if (v != null) {
        job.set(k, v.toString());
      }
    }
  }
}
