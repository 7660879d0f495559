package agent.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class FileExclusionsTest {
  @Test
  void defaultRules() {
    FileExclusions e = FileExclusions.defaults();
    assertNull(e.reason("src/main/App.java", 100));
    assertEquals("vendored (vendor/)", e.reason("vendor/github.com/x/y.go", 100));
    assertEquals("vendored (node_modules/)", e.reason("web/node_modules/react/index.js", 100));
    assertEquals("vendored (third_party/)", e.reason("third_party/zlib/zlib.h", 100));
    assertNull(e.reason("src/vendor.go", 100), "only a folder named vendor is vendored");
    assertEquals("lock file", e.reason("web/package-lock.json", 100));
    assertEquals("lock file", e.reason("yarn.lock", 100));
    assertEquals("lock file", e.reason("Cargo.lock", 100));
    assertEquals("lock file", e.reason("go.sum", 100));
    assertEquals("generated", e.reason("static/app.min.js", 100));
    assertEquals("generated", e.reason("api/v1/api.pb.go", 100));
    assertEquals("larger than 1048576 bytes", e.reason("data/huge.csv", (1 << 20) + 1));
    assertNull(e.reason("data/ok.csv", 1 << 20));
  }

  @Test
  void configuredGlobsAndSize() {
    FileExclusions e = new FileExclusions(List.of("docs/", "*.snap", "build/**/out.txt"), 10);
    assertEquals("matches exclude glob docs/", e.reason("docs/a/b.md", 1));
    assertEquals("matches exclude glob *.snap", e.reason("ui/__snapshots__/x.snap", 1));
    assertEquals("matches exclude glob build/**/out.txt", e.reason("build/a/b/out.txt", 1));
    assertEquals("matches exclude glob build/**/out.txt", e.reason("build/out.txt", 1));
    assertNull(e.reason("src/docs.md", 1));
    assertEquals("larger than 10 bytes", e.reason("a.txt", 11));
  }

  @Test
  void languages() {
    assertEquals("Java", FileLanguage.of("src/App.java"));
    assertEquals("TypeScript", FileLanguage.of("a/b.ts"));
    assertEquals("Dockerfile", FileLanguage.of("deploy/Dockerfile"));
    assertEquals("Makefile", FileLanguage.of("Makefile"));
    assertEquals("CMake", FileLanguage.of("CMakeLists.txt"));
    assertEquals("Go", FileLanguage.of("MAIN.GO"));
    assertNull(FileLanguage.of(".env"));
    assertNull(FileLanguage.of("LICENSE"));
  }
}
