package dev.azdo.emulator.wit;

import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.model.FieldDef;
import dev.azdo.emulator.model.Identity;
import dev.azdo.emulator.model.StateDef;
import dev.azdo.emulator.model.WorkItemTypeDef;
import dev.azdo.emulator.wit.WorkItemEngine.Draft;
import dev.azdo.emulator.wit.WorkItemEngine.Options;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Field values as the service stores and checks them: conversion of sent JSON to each field type's
 * stored form (identities, numbers, booleans, dates, tags), read-only fields, length limits and
 * allowed values, and the required-field and state rules of a work item type.
 */
final class FieldValues {
  // The service's limit for single-line string fields.
  private static final int MAX_STRING_LENGTH = 255;

  /** The service's limit on a long text (HTML, plain text, history) field: 1,048,576 characters. */
  static final int MAX_LONG_TEXT_LENGTH = 1_048_576;

  // Fields the service always sets itself, even with bypassRules.
  private static final Set<String> ALWAYS_READ_ONLY =
      ClassificationPaths.withTreeLevels(
          Set.of(
              "System.Id",
              "System.Rev",
              "System.RevisedDate",
              "System.Watermark",
              "System.TeamProject",
              "System.CommentCount",
              "System.NodeName",
              "System.AuthorizedAs",
              "System.WorkItemType",
              "System.BoardColumn",
              "System.BoardColumnDone",
              "System.BoardLane",
              "System.Parent",
              "System.RelatedLinkCount",
              "System.HyperLinkCount",
              "System.AttachedFileCount",
              "System.ExternalLinkCount",
              "System.RemoteLinkCount",
              "System.PersonId",
              "System.IsDeleted"));

  private final EmulatorContext ctx;
  private final WitServices services;
  private final TagDefinitions tags;

  FieldValues(EmulatorContext ctx, WitServices services, TagDefinitions tags) {
    this.ctx = ctx;
    this.services = services;
    this.tags = tags;
  }

  /**
   * Converts and checks the fields a patch sent: unknown to the type and read-only ones are
   * refused, empty ones removed.
   */
  void convertUserFields(Draft d, Options opt, WorkItemTypeDef type) {
    for (String ref : d.given) {
      FieldDef def = services.field(ref);
      if (def == null) {
        continue;
      }
      if (!onType(type, ref)) {
        // A field of the organization that the work item type does not have is unknown to it.
        throw new ApiException(
            400, "WorkItemFieldInvalidException", "TF51535: Cannot find field " + ref + ".");
      }
      boolean bypassable = opt.bypassRules() && !ALWAYS_READ_ONLY.contains(ref);
      // The service accepts the fields its state rules own and keeps them only where the rules
      // allow (StateStampedFields), so they are not refused as read-only.
      boolean ruled = StateStampedFields.contains(ref);
      if ((def.readOnly() || ALWAYS_READ_ONLY.contains(ref)) && !bypassable && !ruled) {
        throw new RuleError(
            ref, "ReadOnly", "TF401326: Invalid field status 'ReadOnly' for field '" + ref + "'.");
      }
      Object v = d.fields.get(ref);
      if (v == null || (v instanceof String s && s.isEmpty())) {
        d.fields.remove(ref);
        continue;
      }
      d.fields.put(ref, convertChecked(def, v, opt.bypassRules()));
    }
  }

  private Object convertChecked(FieldDef def, Object v, boolean bypass) {
    Object out = convert(def, v, bypass);
    String kind = type(def);
    if ((kind.equals("html") || kind.equals("plainText") || kind.equals("history"))
        && out instanceof String text
        && text.length() > MAX_LONG_TEXT_LENGTH) {
      // A storage limit, so bypassRules does not lift it.
      throw ruleError(def, "InvalidTooLong");
    }
    if (!bypass) {
      String type = type(def);
      if (type.equals("string") && out instanceof String s && s.length() > MAX_STRING_LENGTH) {
        throw ruleError(def, "InvalidTooLong");
      }
      List<String> allowed = def.allowedValues();
      if (allowed != null && !allowed.isEmpty() && !isIdentity(def)) {
        boolean ok = false;
        for (String a : allowed) {
          if (a.equalsIgnoreCase(String.valueOf(out)) || same(convertQuiet(def, a), out)) {
            ok = true;
            break;
          }
        }
        if (!ok) {
          throw ruleError(def, "HasValues, LimitedToValues, AllowsOldValue, InvalidListValue");
        }
      }
    }
    return out;
  }

  private Object convertQuiet(FieldDef def, String v) {
    try {
      return convert(def, v, true);
    } catch (ApiException e) {
      return v;
    }
  }

  /** Converts a JSON value to the stored form of the field's type; 400 when it does not fit. */
  Object convert(FieldDef def, Object v, boolean bypass) {
    if (isIdentity(def)) {
      String text = identityText(v);
      Identity who = ctx.directory().resolve(text);
      if (who != null) {
        return who.combinedName();
      }
      if (bypass) {
        return text;
      }
      throw new RuleError(
          def.referenceName(),
          "ValidIdentity",
          "TF401320: Rule Error for field "
              + def.name()
              + ". Error code: ValidIdentity. The identity value '"
              + text
              + "' for field '"
              + def.name()
              + "' is an unknown identity.");
    }
    String type = type(def);
    try {
      switch (type) {
        case "integer" -> {
          if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue() <= Integer.MAX_VALUE && n.longValue() >= Integer.MIN_VALUE
                ? (Object) n.intValue()
                : (Object) n.longValue();
          }
          if (v instanceof String s) {
            return Integer.parseInt(s.trim());
          }
          throw ruleError(def, "InvalidType");
        }
        case "double" -> {
          if (v instanceof Number n) {
            return n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < 1e15
                ? (Object) n.longValue()
                : (Object) n.doubleValue();
          }
          if (v instanceof String s) {
            double x = Double.parseDouble(s.trim());
            return x == Math.rint(x) && Math.abs(x) < 1e15 ? (Object) (long) x : (Object) x;
          }
          throw ruleError(def, "InvalidType");
        }
        case "boolean" -> {
          if (v instanceof Boolean b) {
            return b;
          }
          if (v instanceof String s
              && (s.trim().equalsIgnoreCase("true") || s.trim().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s.trim());
          }
          throw ruleError(def, "InvalidType");
        }
        case "datetime" -> {
          return Json.date(parseDate(String.valueOf(v)));
        }
        default -> {
          if (!(v instanceof String) && !(v instanceof Number) && !(v instanceof Boolean)) {
            throw ruleError(def, "InvalidType");
          }
          String s = String.valueOf(v);
          if (def.referenceName().equals("System.Tags")) {
            return tags.tagsAsDefined(s);
          }
          return s;
        }
      }
    } catch (NumberFormatException | DateTimeParseException e) {
      throw ruleError(def, type.equals("datetime") ? "InvalidDate" : "InvalidType");
    }
  }

  private static String identityText(Object v) {
    if (v instanceof Map<?, ?> m) {
      Object u = m.get("uniqueName");
      if (u == null) {
        u = m.get("id");
      }
      if (u == null) {
        u = m.get("displayName");
      }
      return String.valueOf(u);
    }
    return String.valueOf(v);
  }

  /** Parses a date as clients send it: ISO with or without offset, RFC 1123, or a plain date. */
  static Instant parseDate(String s) {
    String x = s.trim();
    try {
      return OffsetDateTime.parse(x).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(x).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        if (x.indexOf(',') > 0) {
          // Microsoft's Node client sends dates such as asOf as RFC 1123 text.
          return ZonedDateTime.parse(x, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        }
        return LocalDate.parse(x).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
    }
  }

  /** The field's type in lower case; "string" when it has none. */
  static String type(FieldDef def) {
    return def.type() == null ? "string" : def.type().toLowerCase(Locale.ROOT);
  }

  /** Tells whether a field holds identities. */
  static boolean isIdentity(FieldDef def) {
    return def.identity() || "identity".equalsIgnoreCase(def.type());
  }

  private static ApiException ruleError(FieldDef def, String codes) {
    return new RuleError(
        def.referenceName(),
        codes,
        "TF401320: Rule Error for field " + def.name() + ". Error code: " + codes + ".");
  }

  /** Checks the type's required fields and its states; the state takes the type's spelling. */
  void checkRules(Draft d, WorkItemTypeDef type) {
    List<String> required = new ArrayList<>();
    required.add("System.Title");
    if (type.requiredFields() != null) {
      required.addAll(type.requiredFields());
    }
    for (String ref : required) {
      Object v = d.fields.get(ref);
      if (v == null || (v instanceof String s && s.isBlank())) {
        FieldDef def = services.field(ref);
        String name = def == null ? ref : def.name();
        throw new RuleError(
            def == null ? ref : def.referenceName(),
            "Required, InvalidEmpty",
            "TF401320: Rule Error for field " + name + ". Error code: Required, InvalidEmpty.");
      }
    }
    String state = str(d.fields.get("System.State"));
    if (type.states() != null && !type.states().isEmpty()) {
      boolean known = false;
      for (StateDef s : type.states()) {
        if (s.name().equalsIgnoreCase(state)) {
          d.fields.put("System.State", s.name());
          known = true;
        }
      }
      if (!known) {
        throw new RuleError(
            "System.State",
            "Required, HasValues, LimitedToValues, AllowsOldValue, InvalidListValue",
            "TF401320: Rule Error for field State. Error code: Required, HasValues,"
                + " LimitedToValues, AllowsOldValue, InvalidListValue.");
      }
    }
  }

  /** Tells whether the work item type has a field; a type without a field list has every field. */
  static boolean onType(WorkItemTypeDef type, String ref) {
    if (type == null || type.fields() == null || type.fields().isEmpty()) {
      return true;
    }
    for (String f : type.fields()) {
      if (f.equalsIgnoreCase(ref)) {
        return true;
      }
    }
    return false;
  }

  /** A stored value as text; null stays null. */
  static String str(Object o) {
    return o == null ? null : String.valueOf(o);
  }

  /** Equality of stored values, treating 2 and 2L (and 2.0) as the same number. */
  static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    return Objects.equals(a, b);
  }
}
