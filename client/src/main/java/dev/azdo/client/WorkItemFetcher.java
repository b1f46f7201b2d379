package dev.azdo.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.client.http.Response;
import dev.azdo.client.internal.Urls;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads work items by id through {@code POST _apis/wit/workitemsbatch}, 200 ids a call, several
 * calls in flight, and hands them back in the order of the ids asked for. Memory holds only the
 * chunks in flight, so any number of ids streams through. Deleted or unknown ids are skipped
 * (errorPolicy omit). Each {@link #chunks} or {@link #items} iteration uses its own threads, which
 * end with it; an instance may be shared between threads.
 */
public final class WorkItemFetcher {
  /** What {@code $expand} asks the service to add. */
  public enum Expand {
    /** Fields only. */
    NONE,
    /** Fields and relations (links, attachments); the service then returns every field. */
    RELATIONS,
    /** Fields and {@code _links}. */
    LINKS,
    /** Everything. */
    ALL
  }

  /**
   * One call's worth of work items.
   *
   * @param index the chunk's position, from 0
   * @param ids the ids asked for, in order
   * @param items the items returned, in the order of the ids (missing ones left out)
   */
  public record Chunk(int index, List<Integer> ids, List<WorkItem> items) {}

  private static final AtomicInteger THREADS = new AtomicInteger();
  // Parsing is CPU work: more threads than cores would only take turns.
  private static final int PARSERS = Math.max(1, Runtime.getRuntime().availableProcessors());

  private final AzdoClient client;
  private final String project;
  private final List<String> fields;
  private final Expand expand;
  private final String asOf;
  private final int concurrency;
  private final int chunkSize;
  private final WorkItemBatchReader reader;

  private WorkItemFetcher(Builder b) {
    this.client = b.client;
    this.project = b.project;
    this.fields = b.fields == null ? List.of() : List.copyOf(b.fields);
    this.expand = b.expand;
    this.asOf = b.asOf;
    this.concurrency = b.concurrency;
    this.chunkSize = b.chunkSize;
    this.reader = new WorkItemBatchReader(b.slimIdentities);
  }

  /** Starts a builder over a client. */
  public static Builder builder(AzdoClient client) {
    return new Builder(client);
  }

  /** Reads every id at once into a list, in the ids' order. */
  public List<WorkItem> fetchAll(Collection<Integer> ids) {
    List<WorkItem> out = new ArrayList<>(ids.size());
    items(List.copyOf(ids)).forEachRemaining(out::add);
    return out;
  }

  /** Streams the items of the ids in their order; see {@link #chunks}. */
  public Iterator<WorkItem> items(List<Integer> ids) {
    Iterator<Chunk> chunks = chunks(ids, 0);
    return new Iterator<>() {
      private Iterator<WorkItem> current = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext()) {
          if (!chunks.hasNext()) {
            return false;
          }
          current = chunks.next().items().iterator();
        }
        return true;
      }

      @Override
      public WorkItem next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  /**
   * Streams the ids' chunks in order, starting at chunk {@code fromChunk} (to resume), with the
   * concurrency's worth of calls in flight and up to as many chunks again read ahead of the
   * consumer. A failed call (after the client's retries) surfaces as its {@link AzdoException} from
   * {@code hasNext}/{@code next}; the threads stop when the last chunk is taken or a call fails.
   */
  public Iterator<Chunk> chunks(List<Integer> ids, int fromChunk) {
    List<Integer> all = List.copyOf(ids);
    int total = (all.size() + chunkSize - 1) / chunkSize;
    return new Iterator<>() {
      private final Deque<CompletableFuture<Chunk>> window = new ArrayDeque<>();
      private ExecutorService pool;
      private ExecutorService parsers;
      private int next = Math.max(0, fromChunk);

      // The calls in flight are the pool's threads; the window holds more chunks than that, so
      // the calls that end while the consumer waits on a slower one at the head (the service's
      // answer times vary) are followed at once by the next ones instead of idling their threads.
      private final int ahead = concurrency + Math.min(concurrency, 8);

      private void fill() {
        while (window.size() < ahead && next < total) {
          if (pool == null) {
            pool = threads("azdo-fetch-", concurrency);
            parsers = threads("azdo-parse-", PARSERS);
          }
          int index = next++;
          List<Integer> part =
              all.subList(index * chunkSize, Math.min(all.size(), (index + 1) * chunkSize));
          // A call's thread goes on to the next call once the answer's bytes are in; the answer
          // is parsed on another thread, so the calls in flight are the concurrency asked for,
          // not fewer while threads parse (at 8 calls and 20 ms latency a thread spent a tenth
          // of its time parsing instead of waiting on the next call).
          window.add(
              CompletableFuture.supplyAsync(() -> send(part), pool)
                  .thenApplyAsync(r -> new Chunk(index, part, read(r, part.size())), parsers));
        }
        if (window.isEmpty()) {
          stop();
        }
      }

      private void stop() {
        if (pool != null) {
          pool.shutdownNow();
          parsers.shutdownNow();
          pool = null;
          parsers = null;
        }
      }

      @Override
      public boolean hasNext() {
        fill();
        return !window.isEmpty();
      }

      @Override
      public Chunk next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        try {
          Chunk c = window.poll().join();
          fill();
          return c;
        } catch (CompletionException e) {
          window.forEach(f -> f.cancel(true));
          window.clear();
          next = total;
          stop();
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          throw e;
        }
      }
    };
  }

  /** Reads up to 200 ids in one call. */
  List<WorkItem> fetch(List<Integer> ids) {
    return read(send(ids), ids.size());
  }

  // The workitemsbatch call for up to 200 ids, its answer not yet parsed.
  private Response send(List<Integer> ids) {
    if (ids.size() > AzdoClient.MAX_IDS_PER_CALL) {
      throw new IllegalArgumentException(
          "workitemsbatch takes at most " + AzdoClient.MAX_IDS_PER_CALL + " ids");
    }
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode idArray = body.putArray("ids");
    ids.forEach(idArray::add);
    if (!fields.isEmpty()) {
      ArrayNode f = body.putArray("fields");
      fields.forEach(f::add);
    }
    if (expand != Expand.NONE) {
      body.put("$expand", expand.name().toLowerCase(Locale.ROOT));
    }
    if (asOf != null) {
      body.put("asOf", asOf);
    }
    // errorPolicy omit answers null for deleted or unknown ids instead of failing the call.
    body.put("errorPolicy", "omit");
    String path =
        project == null
            ? "/_apis/wit/workitemsbatch"
            : "/" + Urls.segment(project) + "/_apis/wit/workitemsbatch";
    // Reading is safe to repeat after a dropped connection.
    return client.send("POST", client.api(path), body, "application/json", true, "get work items");
  }

  private List<WorkItem> read(Response r, int asked) {
    try {
      return reader.read(r.body(), asked);
    } catch (IOException e) {
      throw ResponseErrors.unreadable(r);
    }
  }

  // Daemon threads for one iteration; an iteration abandoned half-way leaves none behind for long.
  private static ExecutorService threads(String name, int n) {
    ThreadPoolExecutor p =
        new ThreadPoolExecutor(
            n,
            n,
            5,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, name + THREADS.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    p.allowCoreThreadTimeOut(true);
    return p;
  }

  /** Configures a {@link WorkItemFetcher}. */
  public static final class Builder {
    private final AzdoClient client;
    private String project;
    private List<String> fields;
    private Expand expand = Expand.NONE;
    private String asOf;
    private int concurrency = 4;
    private int chunkSize = AzdoClient.MAX_IDS_PER_CALL;
    private boolean slimIdentities;

    private Builder(AzdoClient client) {
      this.client = Objects.requireNonNull(client, "client");
    }

    /** Reads through this project's URL (optional; ids are organization-wide). */
    public Builder project(String project) {
      this.project = project;
      return this;
    }

    /** Returns only these fields (null or empty: every field); not combinable with expand. */
    public Builder fields(List<String> fields) {
      this.fields = fields;
      return this;
    }

    /** Asks for relations or links too (default none). */
    public Builder expand(Expand expand) {
      this.expand = Objects.requireNonNull(expand, "expand");
      return this;
    }

    /** Reads the items as they were at this ISO 8601 moment (default: now). */
    public Builder asOf(String asOf) {
      this.asOf = asOf;
      return this;
    }

    /** Sets how many calls are in flight at once, 1 to 32 (default 4). */
    public Builder concurrency(int concurrency) {
      if (concurrency < 1 || concurrency > 32) {
        throw new IllegalArgumentException(
            "concurrency must be between 1 and 32, got " + concurrency);
      }
      this.concurrency = concurrency;
      return this;
    }

    /** Sets the ids per call, 1 to 200 (default 200, the service's limit, VS403474). */
    public Builder chunkSize(int chunkSize) {
      if (chunkSize < 1 || chunkSize > AzdoClient.MAX_IDS_PER_CALL) {
        throw new IllegalArgumentException(
            "chunk size must be between 1 and "
                + AzdoClient.MAX_IDS_PER_CALL
                + ", got "
                + chunkSize);
      }
      this.chunkSize = chunkSize;
      return this;
    }

    /**
     * Leaves out an identity field's url, _links and imageUrl, keeping its names, id and descriptor
     * (default off: the service's JSON as it came); for readers that write names.
     */
    public Builder slimIdentities(boolean slim) {
      this.slimIdentities = slim;
      return this;
    }

    /** Builds the fetcher; fields and an expand other than none together are refused. */
    public WorkItemFetcher build() {
      if (fields != null && !fields.isEmpty() && expand != Expand.NONE) {
        // The service refuses the combination: "The expand parameter can not be used with the
        // fields parameter."
        throw new IllegalArgumentException("fields and expand cannot be combined");
      }
      return new WorkItemFetcher(this);
    }
  }
}
