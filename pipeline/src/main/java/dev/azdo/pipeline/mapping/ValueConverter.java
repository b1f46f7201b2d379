package dev.azdo.pipeline.mapping;

/** Converts one non-empty text value into the JSON value of a field; stateless and reusable. */
@FunctionalInterface
interface ValueConverter {
  /** Returns a String, Long, Double or Boolean, or throws with a reason naming the value. */
  Object convert(String text) throws ConversionException;
}
