package dev.azdo.emulator.model;

import java.util.List;
import java.util.Map;

/**
 * A work item type of a process: its fields (reference names, in form order), which are required,
 * their defaults, its states (the first is the initial state) and the default reason for entering
 * each state.
 */
public record WorkItemTypeDef(
    String name,
    String referenceName,
    String description,
    String color,
    String icon,
    List<String> fields,
    List<String> requiredFields,
    Map<String, String> defaults,
    List<StateDef> states,
    Map<String, String> defaultReasons) {}
