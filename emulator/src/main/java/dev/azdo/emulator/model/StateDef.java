package dev.azdo.emulator.model;

/** A work item state with its category (Proposed, InProgress, Resolved, Completed, Removed). */
public record StateDef(String name, String color, String category) {}
