package dev.azdo.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One request inside a {@code _apis/wit/$batch} call.
 *
 * @param method PATCH, POST, DELETE ...
 * @param uri the path from the host root including api-version, e.g.
 *     /ORG/P/_apis/wit/workitems/$Task?api-version=7.1
 * @param headers usually Content-Type: application/json-patch+json
 * @param body the body, or null
 */
public record BatchRequest(String method, String uri, Map<String, String> headers, JsonNode body) {}
