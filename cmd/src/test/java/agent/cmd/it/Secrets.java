package agent.cmd.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** The leak check of the end-to-end tests: a secret in no output, log, state or exported file (gzipped ones read unzipped). */
final class Secrets {
  private Secrets() {}

  /** Fails when any of {@code secrets} is in {@code r}'s output or in any file under {@code root}. */
  static void assertNowhere(Path root, Dist.Result r, String... secrets) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(Files::isRegularFile).toList();
    }
    assertTrue(files.size() > 3, "the root holds the export's files: " + files);
    for (String secret : secrets) {
      assertFalse(r.stdout().contains(secret), "a secret in stdout");
      assertFalse(r.stderr().contains(secret), "a secret in stderr");
      byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
      for (Path f : files) {
        byte[] content;
        try (InputStream in = f.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(f))
            : Files.newInputStream(f)) {
          content = in.readAllBytes();
        }
        assertFalse(indexOf(content, bytes) >= 0, "a secret is in " + root.relativize(f));
      }
    }
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
