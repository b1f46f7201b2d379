package dev.azdo.emulator.http;

/** Serves one method of one resource location. */
@FunctionalInterface
public interface ApiHandler {
  /** Returns an {@link ApiResponse}, or any JSON value to send with 200; throws ApiException. */
  Object handle(ApiRequest request);
}
