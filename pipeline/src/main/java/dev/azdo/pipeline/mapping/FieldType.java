package dev.azdo.pipeline.mapping;

import java.util.Locale;

/** The data type of a work item field, as the REST API names it. */
public enum FieldType {
  STRING("string"),
  INTEGER("integer"),
  DOUBLE("double"),
  DATE_TIME("dateTime"),
  BOOLEAN("boolean"),
  IDENTITY("identity"),
  HTML("html"),
  TREE_PATH("treePath"),
  PLAIN_TEXT("plainText"),
  GUID("guid"),
  HISTORY("history"),
  PICKLIST_STRING("picklistString"),
  PICKLIST_INTEGER("picklistInteger"),
  PICKLIST_DOUBLE("picklistDouble");

  private final String apiName;

  FieldType(String apiName) {
    this.apiName = apiName;
  }

  /** Returns the name the REST API uses, such as {@code dateTime}. */
  public String apiName() {
    return apiName;
  }

  /** Returns the type for an API name, case-insensitively; unknown names read as plain text. */
  public static FieldType fromApiName(String name) {
    if (name != null) {
      String folded = name.toLowerCase(Locale.ROOT);
      for (FieldType type : values()) {
        if (type.apiName.toLowerCase(Locale.ROOT).equals(folded)) {
          return type;
        }
      }
    }
    // Unknown future types pass through unchanged rather than failing the whole plan.
    return PLAIN_TEXT;
  }
}
