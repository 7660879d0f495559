package agent.core.logship;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** A child's output, in either layout of LogSetup, read back into spool lines. */
class ChildLogLinesTest {
  @Test
  void readsTheTextLayout() {
    SpoolLine l = ChildLogLines.parse("2026-11-22T10:00:00.123Z INFO  ExportRunner: exported 3 objects", "export", "c1", "t");
    assertEquals("2026-11-22T10:00:00.123Z", l.time());
    assertEquals("INFO", l.level());
    assertEquals("ExportRunner", l.logger());
    assertEquals("exported 3 objects", l.message());
    assertNull(l.integration());
    assertEquals("c1", l.commandId());
  }

  @Test
  void readsTheJsonLayoutAndNamesThePlugin() {
    SpoolLine l = ChildLogLines.parse("{\"ts\":\"2026-11-22T10:00:00Z\",\"level\":\"warn\",\"logger\":\"integration.gh\","
        + "\"msg\":\"slow: a: b\"}", "export", "c1", "t");
    assertEquals("WARN", l.level());
    assertEquals("gh", l.integration());
    assertEquals("slow: a: b", l.message());
  }

  @Test
  void keepsAnyOtherLineWhole() {
    SpoolLine l = ChildLogLines.parse("\tat agent.core.Foo.bar(Foo.java:1)", "export", "c1", "t");
    assertEquals("\tat agent.core.Foo.bar(Foo.java:1)", l.message());
    assertEquals("t", l.time());
  }
}
