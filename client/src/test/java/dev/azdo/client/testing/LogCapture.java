package dev.azdo.client.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/** Captures every log event of the client at TRACE (the most verbose level) while open. */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final Level previous;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  /** Starts capturing loggers under dev.azdo. */
  public LogCapture() {
    logger = (Logger) LoggerFactory.getLogger("dev.azdo");
    previous = logger.getLevel();
    logger.setLevel(Level.TRACE);
    appender.start();
    logger.addAppender(appender);
  }

  /** Returns all captured messages (formatted, with stack traces) as one text. */
  public String text() {
    return appender.list.stream()
        .map(
            e ->
                e.getLevel()
                    + " "
                    + e.getLoggerName()
                    + " "
                    + e.getFormattedMessage()
                    + (e.getThrowableProxy() == null
                        ? ""
                        : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy())))
        .collect(Collectors.joining("\n"));
  }

  /** Returns how many events were captured. */
  public int count() {
    return appender.list.size();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(previous);
  }
}
