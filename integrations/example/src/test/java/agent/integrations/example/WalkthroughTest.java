package agent.integrations.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * _docs/writing-an-integration.md shows this module's files as they are: each block marked
 * {@code <!-- file: path -->} equals that file, and every file of the example is shown. So the
 * walkthrough's code is the code this module compiles and tests.
 */
class WalkthroughTest {
  private static final Path REPO = Path.of("../..").toAbsolutePath().normalize();
  private static final Pattern BLOCK = Pattern.compile("<!-- file: (\\S+) -->\\n```[a-z]*\\n(.*?)\\n```\\n", Pattern.DOTALL);

  @Test
  void theWalkthroughShowsEveryFileOfTheExampleAsItIs() throws IOException {
    Path doc = REPO.resolve("_docs/writing-an-integration.md");
    assertTrue(Files.isRegularFile(doc), "no walkthrough at " + doc);
    Map<String, String> shown = new TreeMap<>();
    Matcher m = BLOCK.matcher(Files.readString(doc));
    while (m.find()) {
      shown.put(m.group(1), m.group(2));
    }
    for (Map.Entry<String, String> e : shown.entrySet()) {
      String actual = Files.readString(REPO.resolve(e.getKey()));
      assertEquals(actual.stripTrailing(), e.getValue().stripTrailing(),
          e.getKey() + " differs from what the walkthrough shows; update one or the other");
    }
    Set<String> files = new TreeSet<>();
    try (Stream<Path> s = Files.walk(REPO.resolve("integrations/example/src"))) {
      s.filter(Files::isRegularFile).map(p -> REPO.relativize(p).toString().replace('\\', '/')).forEach(files::add);
    }
    files.add("integrations/example/pom.xml");
    files.remove("integrations/example/src/test/java/agent/integrations/example/WalkthroughTest.java");
    assertEquals(files, shown.keySet(), "the walkthrough must show every file of the example, and only those");
  }
}
