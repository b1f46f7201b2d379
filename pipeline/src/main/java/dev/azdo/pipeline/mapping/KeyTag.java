package dev.azdo.pipeline.mapping;

import java.util.BitSet;
import java.util.Locale;

/**
 * The tag that marks a work item with its row key when no key field is given, {@code
 * import-key:KEY}, in a form that survives the service's handling of tags: {@code ;} and {@code ,}
 * separate tags, and the service compares tags regardless of case and may hand a tag back in the
 * case of an existing tag of the same letters. So {@code %}, {@code ;}, {@code ,}, {@code ~} and
 * control characters are percent-encoded, and a key with capitals ends with {@code ~} and a hex
 * mask saying which of its letters are capitals ({@code BUG-1} is {@code import-key:BUG-1~7},
 * {@code Bug-1} is {@code import-key:Bug-1~1}, {@code bug-1} is {@code import-key:bug-1}): keys
 * that differ only in case have tags that differ regardless of case, and a tag read back in any
 * case gives its key exactly. Letters whose case does not round-trip (dotless i, the Kelvin sign,
 * titlecase digraphs) are encoded as {@code %uXXXX}.
 */
public final class KeyTag {
  /** The tag prefix. */
  public static final String PREFIX = "import-key:";

  private KeyTag() {}

  /** Returns the tag marking a work item with a row key. */
  public static String of(String key) {
    StringBuilder out = new StringBuilder(PREFIX.length() + key.length() + 4).append(PREFIX);
    // Which letters are capitals, four to a hex digit, first letter in the lowest bit.
    StringBuilder mask = null;
    int digit = 0;
    int letters = 0;
    for (int i = 0; i < key.length(); ) {
      int cp = key.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '%' || cp == ';' || cp == ',' || cp == '~' || cp < 0x20 || cp == 0x7f) {
        out.append('%').append(hex(cp, 2));
        continue;
      }
      boolean capital;
      if (cp < 0x80) {
        capital = cp >= 'A' && cp <= 'Z';
        if (!capital && (cp < 'a' || cp > 'z')) {
          out.append((char) cp);
          continue;
        }
      } else {
        int lower = Character.toLowerCase(cp);
        int upper = Character.toUpperCase(cp);
        if (lower == upper) {
          out.appendCodePoint(cp);
          continue;
        }
        if (cp == lower && Character.toLowerCase(upper) == cp) {
          capital = false;
        } else if (cp == upper && Character.toUpperCase(lower) == cp) {
          capital = true;
        } else {
          // A letter whose case does not round-trip keeps its exact form.
          for (char c : Character.toChars(cp)) {
            out.append("%u").append(hex(c, 4));
          }
          continue;
        }
      }
      out.appendCodePoint(cp);
      if (capital) {
        digit |= 1 << (letters % 4);
      }
      if (++letters % 4 == 0) {
        mask = flush(mask, digit, letters);
        digit = 0;
      }
    }
    if (digit != 0) {
      mask = flush(mask, digit, letters + 3);
    }
    if (mask != null) {
      // Trailing zero digits say nothing.
      int end = mask.length();
      while (end > 0 && mask.charAt(end - 1) == '0') {
        end--;
      }
      out.append('~').append(mask, 0, end);
    }
    return out.toString();
  }

  // Appends the hex digit of letters [n - 4, n) once any letter so far was a capital.
  private static StringBuilder flush(StringBuilder mask, int digit, int n) {
    if (mask == null && digit == 0) {
      return null;
    }
    if (mask == null) {
      mask = new StringBuilder();
      mask.append("0".repeat(n / 4 - 1));
    }
    mask.append(Character.forDigit(digit, 16));
    return mask;
  }

  /**
   * Returns the row key a tag holds, read in whatever case the service returns it, or null when the
   * tag is not a key marker.
   */
  public static String keyOf(String tag) {
    if (!tag.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return null;
    }
    String text = tag.substring(PREFIX.length());
    BitSet capitals = new BitSet();
    int tilde = text.lastIndexOf('~');
    if (tilde >= 0) {
      String mask = text.substring(tilde + 1);
      for (int d = 0; d < mask.length(); d++) {
        int digit = Character.digit(mask.charAt(d), 16);
        if (digit < 0) {
          return null;
        }
        for (int b = 0; b < 4; b++) {
          capitals.set(d * 4 + b, (digit & (1 << b)) != 0);
        }
      }
      text = text.substring(0, tilde);
    }
    StringBuilder out = new StringBuilder(text.length());
    int letters = 0;
    for (int i = 0; i < text.length(); ) {
      char c = text.charAt(i);
      if (c == '%' && (i + 1 < text.length()) && (text.charAt(i + 1) | 0x20) == 'u') {
        int v = hexAt(text, i + 2, 4);
        if (v >= 0) {
          out.append((char) v);
          i += 6;
          continue;
        }
      } else if (c == '%') {
        int v = hexAt(text, i + 1, 2);
        if (v >= 0) {
          out.append((char) v);
          i += 3;
          continue;
        }
      }
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      int lower = Character.toLowerCase(cp);
      if (lower == Character.toUpperCase(cp)) {
        out.appendCodePoint(cp);
      } else {
        out.appendCodePoint(capitals.get(letters++) ? Character.toUpperCase(lower) : lower);
      }
    }
    return out.toString();
  }

  /**
   * Returns the tag earlier versions wrote for a key (only {@code %}, {@code ;}, {@code ,} and
   * control characters encoded, case kept), so work items they created are still found.
   */
  public static String legacyOf(String key) {
    StringBuilder out = new StringBuilder(PREFIX.length() + key.length()).append(PREFIX);
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '%' || c == ';' || c == ',' || c < 0x20 || c == 0x7f) {
        out.append('%').append(hex(c, 2));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Returns the key an earlier version's tag holds, exactly as written, or null when the tag is not
   * one: a tag with a {@code ~} mask is of the current form only.
   */
  public static String legacyKeyOf(String tag) {
    if (!tag.startsWith(PREFIX) || tag.indexOf('~') >= 0) {
      return null;
    }
    String text = tag.substring(PREFIX.length());
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int v = c == '%' ? hexAt(text, i + 1, 2) : -1;
      if (v >= 0) {
        out.append((char) v);
        i += 2;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String hex(int value, int digits) {
    String h = Integer.toHexString(value).toUpperCase(Locale.ROOT);
    return "0".repeat(Math.max(0, digits - h.length())) + h;
  }

  private static int hexAt(String text, int from, int digits) {
    if (from + digits > text.length()) {
      return -1;
    }
    int v = 0;
    for (int i = from; i < from + digits; i++) {
      int d = Character.digit(text.charAt(i), 16);
      if (d < 0) {
        return -1;
      }
      v = v * 16 + d;
    }
    return v;
  }
}
