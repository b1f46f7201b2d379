package dev.azdo.pipeline.export;

import java.nio.file.Path;
import java.util.List;

/**
 * What an export wrote.
 *
 * @param items work items written
 * @param resumedItems of those, the ones a killed run had already written
 * @param files the files written, the main one first
 * @param watermark the moment the export read (ISO 8601), the next incremental run's start
 * @param split true when the query passed the 20,000 result cap and was paged
 * @param revisions history revisions written (with {@code --include history})
 */
public record ExportSummary(
    long items,
    long resumedItems,
    List<Path> files,
    String watermark,
    boolean split,
    long revisions) {}
