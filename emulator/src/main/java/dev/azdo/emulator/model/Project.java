package dev.azdo.emulator.model;

/**
 * A team project as the core area stores it. Immutable: change a copy made with the with-methods
 * and put it back through a store transaction.
 */
public record Project(
    String id,
    String name,
    String description,
    String state,
    String visibility,
    long revision,
    String processId,
    String defaultTeamId,
    String sourceControlType,
    String lastUpdateTime) {}
