package agent.core.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * What a logger (and the loggers under it) logged during one test, for tests that pin a warning:
 * {@code @RegisterExtension final CapturedLogs logs = CapturedLogs.of(GitHistoryWalker.class);}.
 */
public final class CapturedLogs implements BeforeEachCallback, AfterEachCallback {
  private final String loggerName;
  private Logger logger;
  private ListAppender<ILoggingEvent> appender;
  private Level levelBefore;

  private CapturedLogs(String loggerName) {
    this.loggerName = loggerName;
  }

  public static CapturedLogs of(Class<?> type) {
    return new CapturedLogs(type.getName());
  }

  /** @param loggerName a logger or a package, e.g. {@code agent.core.checkpoint} */
  public static CapturedLogs of(String loggerName) {
    return new CapturedLogs(loggerName);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    logger = (Logger) LoggerFactory.getLogger(loggerName);
    appender = new ListAppender<>();
    appender.start();
    levelBefore = logger.getLevel();
    logger.setLevel(Level.INFO); // the tests' console shows warnings only; a captured logger keeps INFO too
    logger.addAppender(appender);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    logger.detachAppender(appender);
    logger.setLevel(levelBefore);
  }

  /** Every event so far, oldest first. */
  public List<ILoggingEvent> events() {
    return List.copyOf(appender.list);
  }

  /** The formatted messages logged at {@code level}, oldest first. */
  public List<String> messages(Level level) {
    return events().stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
  }
}
