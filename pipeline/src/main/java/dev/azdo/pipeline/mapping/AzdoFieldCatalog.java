package dev.azdo.pipeline.mapping;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.WorkItemField;
import dev.azdo.client.WorkItemType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The field catalogue of a live project, read through the client: types from {@code
 * _apis/wit/workitemtypes}, fields per type on first use. A field counts as required only when the
 * type always requires it and gives no default, since the service fills defaults itself.
 */
public final class AzdoFieldCatalog implements FieldCatalog {
  // The service fills these on create (initial state and reason, project root area and
  // iteration) even though the type lists them as always required.
  private static final java.util.Set<String> FILLED_BY_SERVICE =
      java.util.Set.of(
          "system.state",
          "system.reason",
          "system.areapath",
          "system.iterationpath",
          "system.areaid",
          "system.iterationid",
          "system.teamproject");

  private final AzdoClient client;
  private final String project;
  private final List<String> typeNames;
  private final Map<String, WorkItemTypeDefinition> types = new ConcurrentHashMap<>();
  // The fields of the type the job names, read while the types are listed (null when none).
  private final String expectedType;
  private final CompletableFuture<List<WorkItemField>> expectedFields;

  private AzdoFieldCatalog(
      AzdoClient client,
      String project,
      List<String> typeNames,
      String expectedType,
      CompletableFuture<List<WorkItemField>> expectedFields) {
    this.client = client;
    this.project = project;
    this.typeNames = typeNames;
    this.expectedType = expectedType;
    this.expectedFields = expectedFields;
  }

  /** Reads the work item types of a project (one call); fields load per type when asked for. */
  public static AzdoFieldCatalog of(AzdoClient client, String project) {
    return of(client, project, null);
  }

  /**
   * Like {@link #of(AzdoClient, String)}, reading the fields of the type a job names (nullable) at
   * the same time as the types: an import waits one round trip less before it writes. A type that
   * does not exist is refused by the plan as before; its failed read is dropped.
   */
  public static AzdoFieldCatalog of(AzdoClient client, String project, String expectedType) {
    CompletableFuture<List<WorkItemField>> fields =
        expectedType == null || expectedType.isBlank()
            ? null
            : CompletableFuture.supplyAsync(
                () -> client.listFields(project, expectedType.strip()), AzdoFieldCatalog::daemon);
    List<String> names = new ArrayList<>();
    for (WorkItemType type : client.listWorkItemTypes(project)) {
      if (!type.disabled()) {
        names.add(type.name());
      }
    }
    return new AzdoFieldCatalog(
        client, project, List.copyOf(names), fields == null ? null : expectedType.strip(), fields);
  }

  // A thread of its own: the common pool has one thread on two cores, and this one waits on I/O.
  private static void daemon(Runnable r) {
    Thread t = new Thread(r, "azdo-field-catalogue");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public Optional<WorkItemTypeDefinition> workItemType(String name) {
    String wanted = name.strip();
    for (String type : typeNames) {
      if (type.equalsIgnoreCase(wanted)) {
        return Optional.of(types.computeIfAbsent(type.toLowerCase(Locale.ROOT), k -> load(type)));
      }
    }
    return Optional.empty();
  }

  private WorkItemTypeDefinition load(String type) {
    List<FieldDefinition> fields = new ArrayList<>();
    for (WorkItemField f : fieldsOf(type)) {
      boolean required =
          f.required()
              && (f.defaultValue() == null || f.defaultValue().isEmpty())
              && !FILLED_BY_SERVICE.contains(f.referenceName().toLowerCase(Locale.ROOT));
      fields.add(
          new FieldDefinition(
              f.referenceName(),
              f.name(),
              FieldType.fromApiName(f.type()),
              f.readOnly(),
              required,
              f.allowedValues()));
    }
    return new WorkItemTypeDefinition(type, fields);
  }

  private List<WorkItemField> fieldsOf(String type) {
    if (expectedFields != null && type.equalsIgnoreCase(expectedType)) {
      try {
        return expectedFields.join();
      } catch (CompletionException e) {
        // Read again below, so that a failure is the one the caller would have seen.
      }
    }
    return client.listFields(project, type);
  }

  @Override
  public List<String> workItemTypes() {
    return typeNames;
  }
}
