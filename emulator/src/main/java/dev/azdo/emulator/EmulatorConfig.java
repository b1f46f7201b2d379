package dev.azdo.emulator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The emulator's settings, as `azdo emulator` flags set them; immutable once built. */
public record EmulatorConfig(
    int port,
    String org,
    String project,
    String process,
    String pat,
    Path dataDir,
    List<String> customFields,
    int latencyMs,
    int latencyJitterMs,
    int throttleTstu,
    int throttleWindowSeconds,
    double faultRate,
    long faultSeed,
    double lostResponseShare,
    String adminToken,
    double throttleRequestCost,
    double throttleWorkItemCost,
    int throttleMaxDelayMs,
    double throttleBlockFactor,
    boolean fsync,
    boolean https,
    ServerRelease server,
    List<String> hostNames,
    String publicUrl) {

  /** Starts a builder with the documented defaults (port 0, org demo, project Demo, Agile). */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link EmulatorConfig}, checking each value as it is set. */
  public static final class Builder {
    private int port = 0;
    private String org = "demo";
    private String project = "Demo";
    private String process = "Agile";
    private String pat = "emulator-pat";
    private Path dataDir;
    private final List<String> customFields = new ArrayList<>();
    private int latencyMs;
    private int latencyJitterMs;
    private int throttleTstu;
    private int throttleWindowSeconds = 300;
    private double faultRate;
    private long faultSeed = 1;
    private double lostResponseShare = 0.25;
    private String adminToken = "emulator-admin";
    private double throttleRequestCost = 1;
    private double throttleWorkItemCost = 1;
    // The service holds a throttled request from a few milliseconds up to 30 seconds.
    private int throttleMaxDelayMs = 30_000;
    private double throttleBlockFactor = 2;
    private boolean fsync;
    private boolean https;
    private ServerRelease server = ServerRelease.SERVICES;
    private final List<String> hostNames = new ArrayList<>();
    private String publicUrl;

    /** Sets the port on 127.0.0.1; 0 picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("--port must be 0..65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /** Sets the organization name in the URL. */
    public Builder org(String org) {
      if (org == null || !org.matches("[A-Za-z0-9][A-Za-z0-9-]{0,48}")) {
        throw new IllegalArgumentException("--org must be letters, digits and hyphens, got " + org);
      }
      this.org = org;
      return this;
    }

    /** Sets the seeded project's name. */
    public Builder project(String project) {
      this.project = require(project, "--project");
      return this;
    }

    /** Sets the seeded project's process: Agile, Scrum, Basic or CMMI. */
    public Builder process(String process) {
      this.process = require(process, "--process");
      return this;
    }

    /** Sets the PAT the emulator accepts. */
    public Builder pat(String pat) {
      this.pat = require(pat, "--pat");
      return this;
    }

    /** Sets the folder that keeps the state across restarts; null keeps it in memory. */
    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    /**
     * Adds a custom field as `Custom.NAME[:type]` (type string, integer, double, dateTime,
     * boolean).
     */
    public Builder customField(String spec) {
      if (spec == null || !spec.matches("Custom\\.[A-Za-z][A-Za-z0-9_]*(:[A-Za-z]+)?")) {
        throw new IllegalArgumentException(
            "--custom-field must look like Custom.NAME[:type], got " + spec);
      }
      customFields.add(spec);
      return this;
    }

    /** Sets the delay added to every request. */
    public Builder latencyMs(int latencyMs) {
      this.latencyMs = nonNegative(latencyMs, "--latency-ms");
      return this;
    }

    /** Sets the random extra delay, up to this many milliseconds. */
    public Builder latencyJitterMs(int jitter) {
      this.latencyJitterMs = nonNegative(jitter, "--latency-jitter-ms");
      return this;
    }

    /** Sets the TSTU budget per identity (0 disables throttling) and its sliding window. */
    public Builder throttle(int tstu, int windowSeconds) {
      this.throttleTstu = nonNegative(tstu, "--throttle-tstu");
      if (windowSeconds <= 0) {
        throw new IllegalArgumentException("--throttle-window-s must be positive");
      }
      this.throttleWindowSeconds = windowSeconds;
      return this;
    }

    /** Sets the share of requests that fail (0 to 1). */
    public Builder faultRate(double rate) {
      if (rate < 0 || rate > 1) {
        throw new IllegalArgumentException("--fault-rate must be between 0 and 1, got " + rate);
      }
      this.faultRate = rate;
      return this;
    }

    /** Sets the seed that makes the fault sequence reproducible. */
    public Builder faultSeed(long seed) {
      this.faultSeed = seed;
      return this;
    }

    /** Share of faults that commit a write and then drop the connection before answering. */
    public Builder lostResponseShare(double share) {
      if (share < 0 || share > 1) {
        throw new IllegalArgumentException("--lost-response-share must be between 0 and 1");
      }
      this.lostResponseShare = share;
      return this;
    }

    /** Sets the bearer token of the /_emulator control API. */
    public Builder adminToken(String token) {
      this.adminToken = require(token, "--admin-token");
      return this;
    }

    /**
     * Sets what one request and each work item operation in it cost, in TSTUs (defaults 1 and 1),
     * so a $batch of 200 creates costs what 200 single creates cost.
     */
    public Builder throttleCosts(double perRequest, double perWorkItemOperation) {
      if (!(perRequest >= 0) || !(perWorkItemOperation >= 0)) {
        throw new IllegalArgumentException(
            "--throttle-request-cost and --throttle-workitem-cost" + " must not be negative");
      }
      this.throttleRequestCost = perRequest;
      this.throttleWorkItemCost = perWorkItemOperation;
      return this;
    }

    /**
     * Sets the longest hold of a delayed request (default 30000 ms, the service's maximum) and the
     * multiple of the budget at which requests are blocked with 429 instead (default 2).
     */
    public Builder throttleDelay(int maxDelayMs, double blockFactor) {
      this.throttleMaxDelayMs = nonNegative(maxDelayMs, "--throttle-max-delay-ms");
      if (!(blockFactor >= 1)) {
        throw new IllegalArgumentException(
            "--throttle-block-factor must be at least 1, got " + blockFactor);
      }
      this.throttleBlockFactor = blockFactor;
      return this;
    }

    /** Forces each journaled transaction to disk before answering (survives power loss too). */
    public Builder fsync(boolean fsync) {
      this.fsync = fsync;
      return this;
    }

    /** Serves https with a self-signed certificate (see Emulator.keyStore()) instead of http. */
    public Builder https(boolean https) {
      this.https = https;
      return this;
    }

    /**
     * Plays an Azure DevOps Server release instead of Services: a collection at
     * /tfs/DefaultCollection, api-versions capped at the release's, connectionData as on-premises.
     */
    public Builder server(ServerRelease release) {
      this.server = release == null ? ServerRelease.SERVICES : release;
      return this;
    }

    /** Sets the Server release from an `--server` value (2019, 2020, 2022, 2022.1). */
    public Builder server(String release) {
      return server(ServerRelease.parse(release));
    }

    /**
     * Adds a host name the https certificate names besides localhost and 127.0.0.1 (for clients
     * that hard-code dev.azure.com and resolve it to the emulator).
     */
    public Builder hostName(String name) {
      if (name == null
          || !name.matches("(?i)[a-z0-9*]([a-z0-9-]{0,62})(\\.[a-z0-9]([a-z0-9-]{0,62}))*")) {
        throw new IllegalArgumentException("--host-name must be a DNS name, got " + name);
      }
      hostNames.add(name.toLowerCase(java.util.Locale.ROOT));
      return this;
    }

    /**
     * Sets the URL that every link the emulator returns starts with instead of
     * http(s)://127.0.0.1:PORT, such as https://dev.azure.com; the organization follows it.
     */
    public Builder publicUrl(String url) {
      java.net.URI u;
      try {
        u = url == null ? null : new java.net.URI(url);
      } catch (java.net.URISyntaxException e) {
        u = null;
      }
      if (u == null
          || u.getHost() == null
          || u.getQuery() != null
          || !("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))) {
        throw new IllegalArgumentException(
            "--public-url must be an http or https URL such as https://dev.azure.com, got " + url);
      }
      this.publicUrl = url.replaceAll("/+$", "");
      return this;
    }

    /** Returns the checked configuration. */
    public EmulatorConfig build() {
      return new EmulatorConfig(
          port,
          org,
          project,
          process,
          pat,
          dataDir,
          List.copyOf(customFields),
          latencyMs,
          latencyJitterMs,
          throttleTstu,
          throttleWindowSeconds,
          faultRate,
          faultSeed,
          lostResponseShare,
          adminToken,
          throttleRequestCost,
          throttleWorkItemCost,
          throttleMaxDelayMs,
          throttleBlockFactor,
          fsync,
          https,
          server,
          List.copyOf(hostNames),
          publicUrl);
    }

    private static String require(String v, String name) {
      if (v == null || v.isBlank()) {
        throw new IllegalArgumentException(name + " must not be empty");
      }
      return v;
    }

    private static int nonNegative(int v, String name) {
      if (v < 0) {
        throw new IllegalArgumentException(name + " must not be negative, got " + v);
      }
      return v;
    }
  }
}
