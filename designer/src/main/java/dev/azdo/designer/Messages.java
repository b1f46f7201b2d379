package dev.azdo.designer;

import dev.azdo.client.http.Redactor;

/** One line for the page from an exception, with URLs' credentials and JDBC secrets masked. */
final class Messages {
  private Messages() {}

  static String of(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return Redactor.redactText(nl < 0 ? m : m.substring(0, nl));
  }
}
