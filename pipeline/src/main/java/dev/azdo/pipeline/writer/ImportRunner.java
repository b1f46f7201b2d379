package dev.azdo.pipeline.writer;

import dev.azdo.pipeline.mapping.ImportPlan;
import dev.azdo.pipeline.report.Journal;
import dev.azdo.pipeline.report.RejectsWriter;
import dev.azdo.pipeline.report.RunSummary;
import dev.azdo.pipeline.source.RowSource;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs a work item import: reads rows, maps them with the plan, sends them in {@code $batch} calls
 * of up to 200 with bounded concurrency, and accounts for every row as written, rejected, skipped
 * or not attempted. Parents are written before their children; a row whose write fails alone is
 * rejected while the others go on. With a journal, rows already written are skipped, and rows whose
 * response was lost are looked up by key before being created again.
 *
 * <p>The settings are checked here; the run is the {@link TaskLoop} every endpoint shares, with the
 * {@link WorkItemConnector}.
 */
public final class ImportRunner {
  /** The service takes at most 200 requests per {@code $batch} call. */
  public static final int MAX_BATCH_SIZE = dev.azdo.pipeline.config.JobConfig.MAX_BATCH_SIZE;

  private final ImportPlan plan;
  private final WorkItemSink sink;
  private final WriteMode mode;
  private final int batchSize;
  private final int concurrency;
  private final ItemRetry retry;
  private final boolean resume;
  private final WriteFlags flags;
  private final Journal journal;
  private final RejectsWriter rejects;
  private final Consumer<RunSummary> progress;
  private final Consumer<dev.azdo.pipeline.report.RowOutcome> outcomes;

  private ImportRunner(Builder b) {
    this.plan = b.plan;
    this.sink = b.sink;
    this.mode = b.mode;
    this.batchSize = b.batchSize;
    this.concurrency = b.concurrency;
    this.retry = b.retry;
    this.resume = b.resume;
    this.flags = b.flags;
    this.journal = b.sink.isDryRun() ? null : b.journal;
    this.rejects = b.rejects;
    this.progress = b.progress;
    this.outcomes = b.outcomes;
  }

  /** Returns a builder for a plan and a sink; the mode defaults to create. */
  public static Builder builder(ImportPlan plan, WorkItemSink sink) {
    return new Builder(plan, sink);
  }

  /** Runs the import over a source (which the caller closes) and returns the counts. */
  public RunSummary run(RowSource source) {
    WorkItemConnector connector =
        new WorkItemConnector(plan, sink, mode, flags, batchSize, concurrency);
    return new TaskLoop<>(connector, journal, rejects, resume, retry, progress, outcomes)
        .run(source);
  }

  /** Collects runner settings and checks each at once. */
  public static final class Builder {
    private final ImportPlan plan;
    private final WorkItemSink sink;
    private WriteMode mode = WriteMode.CREATE;
    private int batchSize = MAX_BATCH_SIZE;
    private int concurrency = 4;
    private ItemRetry retry = ItemRetry.DEFAULT;
    private boolean resume = true;
    private WriteFlags flags = WriteFlags.NONE;
    private Journal journal;
    private RejectsWriter rejects;
    private Consumer<RunSummary> progress = s -> {};
    private Consumer<dev.azdo.pipeline.report.RowOutcome> outcomes;

    private Builder(ImportPlan plan, WorkItemSink sink) {
      this.plan = Objects.requireNonNull(plan, "plan");
      this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Sets create, update, upsert or delete (default create). */
    public Builder mode(WriteMode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** Sets the writes per {@code $batch} call, 1 to 200 (default 200). */
    public Builder batchSize(int size) {
      if (size < 1 || size > MAX_BATCH_SIZE) {
        throw new IllegalArgumentException(
            "--batch-size must be 1 to " + MAX_BATCH_SIZE + ", was " + size);
      }
      this.batchSize = size;
      return this;
    }

    /** Sets how many batch calls may be in flight at once, 1 to 32 (default 4). */
    public Builder concurrency(int threads) {
      if (threads < 1 || threads > 32) {
        throw new IllegalArgumentException("--concurrency must be 1 to 32, was " + threads);
      }
      this.concurrency = threads;
      return this;
    }

    /**
     * Sets how often and after what waits a row is tried again (default {@link ItemRetry#DEFAULT}).
     */
    public Builder retry(ItemRetry retry) {
      this.retry = java.util.Objects.requireNonNull(retry, "retry");
      return this;
    }

    /**
     * Takes the retry settings of the client's connection, so one set of settings governs the
     * client's calls and the task's item retries.
     */
    public Builder retry(dev.azdo.client.ConnectionSettings settings) {
      return retry(ItemRetry.of(settings));
    }

    /**
     * Sets whether rows the journal records as written unchanged are skipped (default true); false
     * sends them again, looking keys up before creating.
     */
    public Builder resume(boolean resume) {
      this.resume = resume;
      return this;
    }

    /** Sets bypassRules and suppressNotifications. */
    public Builder flags(WriteFlags flags) {
      this.flags = Objects.requireNonNull(flags, "flags");
      return this;
    }

    /** Sets the journal for resume; ignored by a dry run. */
    public Builder journal(Journal journal) {
      this.journal = journal;
      return this;
    }

    /** Sets where rejected rows go; without it they are only counted. */
    public Builder rejects(RejectsWriter rejects) {
      this.rejects = rejects;
      return this;
    }

    /** Sets a callback run on the calling thread after each batch, for progress display. */
    public Builder progress(Consumer<RunSummary> progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /** Sets a listener told each row's outcome on the calling thread (may be null). */
    public Builder outcomes(Consumer<dev.azdo.pipeline.report.RowOutcome> outcomes) {
      this.outcomes = outcomes;
      return this;
    }

    /** Returns the runner. */
    public ImportRunner build() {
      if ((mode == WriteMode.UPDATE || mode == WriteMode.DELETE || mode == WriteMode.UPSERT)
          && !plan.hasKey()) {
        throw new IllegalArgumentException(
            mode.endpoint() + " needs --key SRC=FIELD to find the work items");
      }
      return new ImportRunner(this);
    }
  }
}
