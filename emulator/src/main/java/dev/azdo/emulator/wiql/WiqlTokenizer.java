package dev.azdo.emulator.wiql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits WIQL text into tokens for {@link Wiql}: [field] references, quoted strings (a doubled
 * quote stands for one), @macros, numbers, words and operator symbols, each with its span so that
 * syntax errors can name the offending text and position.
 */
final class WiqlTokenizer {
  private WiqlTokenizer() {}

  /** What a token is. */
  enum Kind {
    FIELD,
    WORD,
    STRING,
    NUMBER,
    MACRO,
    SYMBOL,
    EOF
  }

  /** One token: kind, value (unquoted text, number), raw source text and its span. */
  record Token(Kind kind, Object value, String raw, int start, int end) {
    boolean isWord(String w) {
      return kind == Kind.WORD && value.toString().equalsIgnoreCase(w);
    }

    boolean isSymbol(String s) {
      return kind == Kind.SYMBOL && raw.equals(s);
    }
  }

  /** Splits WIQL text into tokens, ending with an EOF token; throws on a bad character or quote. */
  static List<Token> tokenize(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '[') {
        int close = s.indexOf(']', i + 1);
        if (close < 0) {
          throw WiqlException.causedBy("Expecting closing square bracket.", i, s.substring(i));
        }
        out.add(
            new Token(
                Kind.FIELD,
                s.substring(i + 1, close).trim(),
                s.substring(i, close + 1),
                i,
                close + 1));
        i = close + 1;
      } else if (c == '\'' || c == '"') {
        StringBuilder b = new StringBuilder();
        int j = i + 1;
        boolean closed = false;
        while (j < n) {
          char d = s.charAt(j);
          if (d == c) {
            if (j + 1 < n && s.charAt(j + 1) == c) {
              b.append(c); // a doubled quote stands for one quote character
              j += 2;
              continue;
            }
            closed = true;
            break;
          }
          b.append(d);
          j++;
        }
        if (!closed) {
          throw WiqlException.causedBy("Expecting closing quotation mark.", i, s.substring(i));
        }
        out.add(new Token(Kind.STRING, b.toString(), s.substring(i, j + 1), i, j + 1));
        i = j + 1;
      } else if (c == '@') {
        int j = i + 1;
        while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
          j++;
        }
        if (j == i + 1) {
          throw WiqlException.causedBy("Expecting macro name.", i, "@");
        }
        out.add(new Token(Kind.MACRO, s.substring(i + 1, j), s.substring(i, j), i, j));
        i = j;
      } else if (Character.isDigit(c)
          || (c == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1)))) {
        int j = i;
        while (j < n && Character.isDigit(s.charAt(j))) {
          j++;
        }
        boolean decimal = false;
        if (j < n && s.charAt(j) == '.' && j + 1 < n && Character.isDigit(s.charAt(j + 1))) {
          decimal = true;
          j++;
          while (j < n && Character.isDigit(s.charAt(j))) {
            j++;
          }
        }
        if (j < n && (s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
          int k = j + 1;
          if (k < n && (s.charAt(k) == '+' || s.charAt(k) == '-')) {
            k++;
          }
          if (k < n && Character.isDigit(s.charAt(k))) {
            decimal = true;
            j = k;
            while (j < n && Character.isDigit(s.charAt(j))) {
              j++;
            }
          }
        }
        if (j < n && (Character.isLetter(s.charAt(j)) || s.charAt(j) == '_')) {
          int k = j;
          while (k < n && (Character.isLetterOrDigit(s.charAt(k)) || s.charAt(k) == '_')) {
            k++;
          }
          throw WiqlException.causedBy("Expecting constant value.", i, s.substring(i, k));
        }
        String raw = s.substring(i, j);
        Object v;
        if (decimal) {
          v = Double.parseDouble(raw);
        } else {
          try {
            v = Long.parseLong(raw);
          } catch (NumberFormatException e) {
            v = Double.parseDouble(raw);
          }
        }
        out.add(new Token(Kind.NUMBER, v, raw, i, j));
        i = j;
      } else if (Character.isLetter(c) || c == '_') {
        int j = i;
        while (j < n
            && (Character.isLetterOrDigit(s.charAt(j))
                || s.charAt(j) == '_'
                || (s.charAt(j) == '.'
                    && j + 1 < n
                    && (Character.isLetterOrDigit(s.charAt(j + 1)) || s.charAt(j + 1) == '_')))) {
          j++;
        }
        String w = s.substring(i, j);
        out.add(new Token(Kind.WORD, w, w, i, j));
        i = j;
      } else {
        String sym;
        if ((c == '<' || c == '>') && i + 1 < n && s.charAt(i + 1) == '=') {
          sym = s.substring(i, i + 2);
        } else if (c == '<' && i + 1 < n && s.charAt(i + 1) == '>') {
          sym = "<>";
        } else if (c == '!' && i + 1 < n && s.charAt(i + 1) == '=') {
          sym = "!=";
        } else if ("=<>(),+-.*".indexOf(c) >= 0) {
          sym = String.valueOf(c);
        } else {
          throw WiqlException.causedBy("Unexpected character.", i, String.valueOf(c));
        }
        out.add(new Token(Kind.SYMBOL, sym, sym, i, i + sym.length()));
        i += sym.length();
      }
    }
    out.add(new Token(Kind.EOF, "", "", n, n));
    return out;
  }
}
