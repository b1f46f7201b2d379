package dev.azdo.emulator.model;

import java.util.List;

/**
 * A work item field: reference name, display name, type (string, integer, double, dateTime,
 * boolean, identity, html, plainText, treePath, history, guid), whether the service sets it itself
 * (read-only), and the picklist values it allows, if any.
 */
public record FieldDef(
    String referenceName,
    String name,
    String type,
    boolean readOnly,
    boolean identity,
    List<String> allowedValues,
    String description) {}
