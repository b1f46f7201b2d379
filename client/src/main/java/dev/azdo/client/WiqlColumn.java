package dev.azdo.client;

/**
 * A column of a WIQL result: a field's reference and display name.
 *
 * @param referenceName such as {@code System.Title}
 * @param name such as {@code Title}
 */
public record WiqlColumn(String referenceName, String name) {}
