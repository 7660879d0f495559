package agent.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TerminalScreenTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final TerminalScreen screen = new TerminalScreen(new PrintStream(bytes, true, StandardCharsets.UTF_8), 80);

  private String out() {
    String s = bytes.toString(StandardCharsets.UTF_8).replace("\033", "ESC");
    bytes.reset();
    return s;
  }

  @Test
  void aFrameIsRedrawnInPlaceAndLogLinesGoAboveIt() throws Exception {
    screen.draw(List.of("mock  running  1/2", "      sourcecode.Repo 1"));
    assertEquals("mock  running  1/2ESC[K\n      sourcecode.Repo 1ESC[K\nESC[J", out());
    screen.draw(List.of("mock  running  2/2", "      sourcecode.Repo 2"));
    assertEquals("ESC[2A\rmock  running  2/2ESC[K\n      sourcecode.Repo 2ESC[K\nESC[J", out());
    OutputStream log = screen.logStream();
    log.write("2026-11-22T10:30:00Z INFO  a log ".getBytes(StandardCharsets.UTF_8));
    assertEquals("", out(), "half a line waits for its end");
    log.write("line\n".getBytes(StandardCharsets.UTF_8));
    assertEquals("ESC[2A\rESC[J2026-11-22T10:30:00Z INFO  a log line\n"
        + "mock  running  2/2ESC[K\n      sourcecode.Repo 2ESC[K\nESC[J", out());
    screen.finish();
    log.write("after\n".getBytes(StandardCharsets.UTF_8));
    assertEquals("after\n", out(), "the last frame stays; what follows goes below it");
  }
}
