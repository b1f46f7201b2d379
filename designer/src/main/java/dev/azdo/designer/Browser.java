package dev.azdo.designer;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.net.URI;

/** Opens the page in the user's browser when there is a desktop; never fails the designer. */
final class Browser {
  private Browser() {}

  /** Tries to open the address; returns whether a browser was asked to. */
  static boolean open(String url) {
    try {
      if (GraphicsEnvironment.isHeadless()
          || !Desktop.isDesktopSupported()
          || !Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
        return false;
      }
      Desktop.getDesktop().browse(URI.create(url));
      return true;
    } catch (Exception | LinkageError e) {
      // No browser, no desktop session, or a JDK without java.desktop: the address is printed.
      return false;
    }
  }
}
