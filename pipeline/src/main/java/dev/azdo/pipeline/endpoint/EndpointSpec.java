package dev.azdo.pipeline.endpoint;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One endpoint of the catalogue: its name, whether it writes, what it does, the properties it takes
 * and its input and output columns.
 *
 * @param name the endpoint name, such as {@code add-comment}
 * @param write true for endpoints that change Azure DevOps (importable), false for read ones
 * @param description one line saying what it does
 * @param properties the settings it takes (job file keys and {@code azdo import} flags)
 * @param inputs the columns each input row gives (empty for read endpoints)
 * @param outputs the columns each result row has
 */
public record EndpointSpec(
    String name,
    boolean write,
    String description,
    List<Property> properties,
    List<Column> inputs,
    List<Column> outputs) {

  /** Copies the lists. */
  public EndpointSpec {
    properties = List.copyOf(properties);
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /**
   * A setting of an endpoint.
   *
   * @param name the job file key or flag name without dashes, such as {@code batch-size}
   * @param meaning what it does
   */
  public record Property(String name, String meaning) {}

  /**
   * An input or output column.
   *
   * @param name the column name, such as {@code WorkItemId}
   * @param required true when every row must give it
   * @param oneOf a group name when one column of the group must be given (such as {@code WorkItemId
   *     or Key}), else null
   * @param meaning what the column holds
   */
  public record Column(String name, boolean required, String oneOf, String meaning) {}

  /** Returns the input column of that name, ignoring case. */
  public Optional<Column> input(String column) {
    String c = column.strip().toLowerCase(Locale.ROOT);
    return inputs.stream().filter(i -> i.name().toLowerCase(Locale.ROOT).equals(c)).findFirst();
  }

  /** Returns the one-of groups of the inputs (such as {@code WorkItemId or Key}), in order. */
  public List<String> oneOfGroups() {
    return inputs.stream().map(Column::oneOf).filter(Objects::nonNull).distinct().toList();
  }

  /** Returns the property of that name, ignoring case. */
  public Optional<Property> property(String property) {
    String p = property.strip().toLowerCase(Locale.ROOT);
    return properties.stream().filter(i -> i.name().equals(p)).findFirst();
  }

  /** Returns true for the endpoints that write work items field by field. */
  public boolean writesWorkItems() {
    return name.endsWith("-workitem");
  }
}
