package dev.azdo.pipeline.mapping;

/** A value cannot be converted for a field; the message is the reason a person reads. */
final class ConversionException extends Exception {
  private static final long serialVersionUID = 1L;

  ConversionException(String reason) {
    super(reason, null, false, false);
  }
}
