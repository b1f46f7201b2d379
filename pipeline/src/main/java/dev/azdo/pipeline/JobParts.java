package dev.azdo.pipeline;

import dev.azdo.pipeline.config.JobConfig;
import dev.azdo.pipeline.config.JobKey;
import dev.azdo.pipeline.config.SourceKeys;
import dev.azdo.pipeline.mapping.IdentityMap;
import dev.azdo.pipeline.mapping.MappingSpec;
import dev.azdo.pipeline.mapping.PairFile;
import dev.azdo.pipeline.mapping.ValueMaps;
import dev.azdo.pipeline.source.SourceOptions;
import dev.azdo.pipeline.writer.WriteMode;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The source options and the mapping a job's settings describe, read while the job is built. */
final class JobParts {
  private final Function<JobKey, Object> settings;
  private final Function<JobKey, String> origin;
  private final Function<String, String> environment;
  private final Set<JobKey> given;
  private final boolean clearEmpty;

  JobParts(
      Function<JobKey, Object> settings,
      Function<JobKey, String> origin,
      Function<String, String> environment,
      Set<JobKey> given,
      boolean clearEmpty) {
    this.settings = settings;
    this.origin = origin;
    this.environment = environment;
    this.given = given;
    this.clearEmpty = clearEmpty;
  }

  // A setting's value, or its default.
  private Object get(JobKey key) {
    return settings.apply(key);
  }

  /** The mapping the settings describe; problems with its files are added to {@code all}. */
  @SuppressWarnings("unchecked")
  MappingSpec mapping(WriteMode mode, List<String> all) {
    MappingSpec.Builder m = MappingSpec.builder();
    m.valueMaps(valueMaps(all));
    try {
      m.identityMap(
          IdentityMap.of(
              (Path) get(JobConfig.IDENTITY_MAP), (String) get(JobConfig.UNKNOWN_IDENTITY)));
    } catch (IllegalArgumentException e) {
      all.add(e.getMessage());
    }
    m.workItemType((String) get(JobConfig.TYPE));
    ((List<String>) get(JobConfig.MAPPING)).forEach(m::map);
    ((List<String>) get(JobConfig.SET)).forEach(m::set);
    ((List<String>) get(JobConfig.LOOKUP)).forEach(m::lookup);
    if (get(JobConfig.KEY) != null) {
      m.key((String) get(JobConfig.KEY));
    }
    m.parentKey((String) get(JobConfig.PARENT_KEY));
    ((List<String>) get(JobConfig.DATE_FORMAT)).forEach(m::dateFormat);
    if (get(JobConfig.ZONE) != null) {
      m.zone((String) get(JobConfig.ZONE));
    }
    m.bypassRules(Boolean.TRUE.equals(get(JobConfig.BYPASS_RULES)));
    m.clearEmpty(clearEmpty);
    boolean typed =
        get(JobConfig.TYPE) != null
            || ((List<String>) get(JobConfig.MAPPING))
                .stream()
                    .anyMatch(
                        spec ->
                            spec.matches("(?is).*=\\s*(System\\.WorkItemType|Work Item Type)\\s*"));
    // Update, delete and upsert of existing items find each item by its key: no type needed.
    boolean byKey =
        mode == WriteMode.UPDATE || mode == WriteMode.DELETE || mode == WriteMode.UPSERT;
    m.typeOptional(byKey && !typed);
    m.checkRequired(mode != null && mode.createsItems() && (typed || mode == WriteMode.CREATE));
    return m.build();
  }

  @SuppressWarnings("unchecked")
  private ValueMaps.Builder valueMaps(List<String> all) {
    ValueMaps.Builder maps = ValueMaps.builder();
    ((List<String>) get(JobConfig.VALUE_MAP)).forEach(maps::add);
    for (Map.Entry<String, String> e :
        ((Map<String, String>) get(JobConfig.VALUE_MAP_FILE)).entrySet()) {
      String given = origin.apply(JobConfig.VALUE_MAP_FILE) + " " + e.getKey() + "=" + e.getValue();
      try {
        for (Map.Entry<String, String> pair : PairFile.read(Path.of(e.getValue().strip()))) {
          maps.add(e.getKey(), pair.getKey(), pair.getValue(), given);
        }
      } catch (IllegalArgumentException ex) {
        all.add(given + ": " + ex.getMessage());
      }
    }
    maps.ignoreCase(Boolean.TRUE.equals(get(JobConfig.VALUE_MAP_IGNORE_CASE)));
    ((List<String>) get(JobConfig.VALUE_MAP_STRICT)).forEach(maps::strict);
    return maps;
  }

  /** The source options the settings describe for {@code location}; problems go to {@code all}. */
  SourceOptions sourceOptions(String location, List<String> all) {
    SourceOptions.Builder sb = SourceOptions.builder(location);
    try {
      sb.format((String) get(SourceKeys.FORMAT));
      sb.delimiter((String) get(SourceKeys.DELIMITER));
    } catch (IllegalArgumentException e) {
      // Reported by the setting's validator.
    }
    String encoding = (String) get(SourceKeys.ENCODING);
    if (encoding != null && SourceKeys.ENCODING.validator().check(encoding) == null) {
      sb.charset(Charset.forName(encoding.strip()));
    }
    sb.sheet((String) get(SourceKeys.SHEET)).query((String) get(SourceKeys.QUERY));
    String passwordEnv = (String) get(SourceKeys.DB_PASSWORD_ENV);
    sb.credentials(
        (String) get(SourceKeys.DB_USER),
        passwordEnv == null ? null : environment.apply(passwordEnv));
    if (get(SourceKeys.FETCH_SIZE) != null) {
      sb.fetchSize((Integer) get(SourceKeys.FETCH_SIZE));
    }
    if (get(SourceKeys.ROWS) != null) {
      sb.rows((Long) get(SourceKeys.ROWS));
    }
    if (get(SourceKeys.SEED) != null) {
      sb.seed((Long) get(SourceKeys.SEED));
    }
    if (get(SourceKeys.HEADER_ROW) != null) {
      sb.headerRow((Integer) get(SourceKeys.HEADER_ROW));
    }
    sb.skipRows((Integer) get(SourceKeys.SKIP_ROWS));
    if (get(SourceKeys.LIMIT) != null) {
      sb.limit((Long) get(SourceKeys.LIMIT));
    }
    SourceOptions built = sb.build();
    for (JobKey rows : List.of(SourceKeys.HEADER_ROW, SourceKeys.SKIP_ROWS)) {
      boolean tabular =
          switch (built.format()) {
            case CSV, TSV, XLSX -> true;
            default -> false;
          };
      if (given.contains(rows) && !tabular) {
        all.add(
            origin.apply(rows)
                + ": only CSV, TSV and .xlsx sources have rows above or below a header, not "
                + built.format().name().toLowerCase(java.util.Locale.ROOT));
      }
    }
    return built;
  }
}
