package dev.azdo.emulator.store;

/**
 * A typed handle to one table of the {@link Store}: its name in the journal and snapshots, and the
 * type of its rows. Declared once by the table's owner, so no module looks a table up by a string.
 *
 * @param name the table's name in the journal and snapshots
 * @param type the class of its rows
 * @param <V> the row type
 */
public record TableKey<V>(String name, Class<V> type) {
  /** The id and watermark counters every module draws from. */
  public static final TableKey<Long> COUNTERS = new TableKey<>("counters", Long.class);
}
