package dev.azdo.emulator.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.http.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal MCP client over stdio (JSON-RPC 2.0, one message per line): starts a server process,
 * sends requests and waits, with a deadline, for the answer with the same id.
 */
final class McpClient implements AutoCloseable {
  private static final String EOF = "\u0000eof";
  // The MCP server wraps each answer: <<hex>> [UNTRUSTED ... CONTENT ...] <<hex>> body <</hex>>.
  private static final Pattern BLOCK =
      Pattern.compile(
          "<<([0-9a-f]{32})>>\\s*\\[UNTRUSTED[^\\]]*\\]\\s*<<\\1>>(.*?)<</\\1>>", Pattern.DOTALL);

  private final Process process;
  private final OutputStream in;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final StringBuilder stderr = new StringBuilder();
  private final long timeoutSeconds;
  private int nextId;

  McpClient(ProcessBuilder pb, long timeoutSeconds) throws IOException {
    this.process = pb.start();
    this.in = process.getOutputStream();
    this.timeoutSeconds = timeoutSeconds;
    pump(process.getInputStream(), true, "mcp-stdout");
    pump(process.getErrorStream(), false, "mcp-stderr");
  }

  private void pump(InputStream stream, boolean protocol, String name) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  if (protocol) {
                    lines.add(line);
                  } else {
                    synchronized (stderr) {
                      stderr.append(line).append('\n');
                    }
                  }
                }
              } catch (IOException e) {
                // the process ended; the reader below reports it
              } finally {
                if (protocol) {
                  lines.add(EOF);
                }
              }
            },
            name);
    t.setDaemon(true);
    t.start();
  }

  /** Sends a request and returns its result; AssertionError on an error answer or timeout. */
  JsonNode request(String method, Object params) {
    int id = ++nextId;
    ObjectNode msg = Json.object().put("jsonrpc", "2.0").put("id", id).put("method", method);
    if (params != null) {
      msg.set("params", Json.tree(params));
    }
    send(msg);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (true) {
      String line;
      try {
        line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + method);
      }
      if (line == null) {
        throw new AssertionError(
            "no answer to " + method + " within " + timeoutSeconds + " s; server log:\n" + log());
      }
      if (line.equals(EOF)) {
        throw new AssertionError("the MCP server exited during " + method + "; its log:\n" + log());
      }
      JsonNode m = Json.parse(line);
      if (m.path("id").asInt(-1) == id) {
        if (m.has("error")) {
          throw new AssertionError(method + " answered an error: " + m.path("error"));
        }
        return m.path("result");
      }
    }
  }

  /** Sends a notification (no answer). */
  void notify(String method) {
    send(Json.object().put("jsonrpc", "2.0").put("method", method));
  }

  /**
   * Calls a tool; returns the JSON of its last content block; fails when the tool reports an error.
   */
  JsonNode tool(String name, Map<String, ?> arguments) {
    JsonNode result = request("tools/call", Map.of("name", name, "arguments", arguments));
    String text = text(result);
    if (result.path("isError").asBoolean(false)) {
      throw new AssertionError(name + " " + Json.write(arguments) + " failed: " + text);
    }
    List<String> blocks = blocks(text);
    for (int i = blocks.size() - 1; i >= 0; i--) {
      String b = blocks.get(i).trim();
      if (b.startsWith("{") || b.startsWith("[")) {
        return Json.parse(b);
      }
    }
    throw new AssertionError(name + " answered no JSON: " + text);
  }

  /** A tool's text answer, unwrapped. */
  String toolText(String name, Map<String, ?> arguments) {
    JsonNode result = request("tools/call", Map.of("name", name, "arguments", arguments));
    String text = text(result);
    if (result.path("isError").asBoolean(false)) {
      throw new AssertionError(name + " " + Json.write(arguments) + " failed: " + text);
    }
    return String.join("\n", blocks(text));
  }

  private static String text(JsonNode result) {
    StringBuilder sb = new StringBuilder();
    result.path("content").forEach(c -> sb.append(c.path("text").asText("")));
    return sb.toString();
  }

  private static List<String> blocks(String text) {
    List<String> out = new java.util.ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      out.add(m.group(2));
    }
    if (out.isEmpty()) {
      out.add(text);
    }
    return out;
  }

  private void send(ObjectNode msg) {
    try {
      in.write((Json.write(msg) + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to the MCP server; its log:\n" + log(), e);
    }
  }

  /** What the server wrote to stderr so far. */
  String log() {
    synchronized (stderr) {
      return stderr.toString();
    }
  }

  @Override
  public void close() throws InterruptedException {
    try {
      in.close();
    } catch (IOException e) {
      // already gone
    }
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
