package agent.core.git;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which changed files analytics should ignore, and why. An excluded file is still exported with its
 * statistics; its commit's totals leave it out. Rules, first match wins: a configured exclude glob,
 * a vendored folder anywhere in the path, a lock file, a generated file, a file larger than the
 * maximum size. Immutable and thread-safe.
 */
public final class FileExclusions {
  /** The default maximum file size: larger files are excluded and not diffed. */
  public static final long DEFAULT_MAX_FILE_SIZE = 1L << 20;

  private static final Set<String> VENDORED_FOLDERS = Set.of("vendor", "node_modules", "third_party", "thirdparty",
      "third-party", "bower_components", "Pods", "Carthage", ".yarn");

  private static final Set<String> LOCK_FILES = Set.of("package-lock.json", "npm-shrinkwrap.json", "yarn.lock",
      "pnpm-lock.yaml", "bun.lockb", "Cargo.lock", "go.sum", "Gemfile.lock", "poetry.lock", "Pipfile.lock",
      "composer.lock", "Podfile.lock", "mix.lock", "pubspec.lock", "packages.lock.json", "gradle.lockfile",
      "flake.lock", "uv.lock", "Package.resolved");

  private static final Pattern GENERATED = Pattern.compile(
      "(?:.*\\.min\\.(?:js|css)|.*\\.(?:js|css)\\.map|.*\\.pb\\.go|.*_pb2(?:_grpc)?\\.pyi?|.*\\.pb\\.(?:cc|h)"
          + "|.*\\.generated\\.[^/]+|.*\\.g\\.dart|.*\\.designer\\.cs|.*_generated\\.go|.*\\.gen\\.go)");

  private final List<String> globs;
  private final List<Pattern> globPatterns;
  private final long maxFileSize;

  /**
   * @param excludeGlobs globs over repository paths: {@code *} and {@code ?} stay within a path
   *     segment, {@code **} crosses segments; a glob without {@code /} matches the file name at any
   *     depth
   * @param maxFileSize files larger than this many bytes are excluded; 0 or less for {@link
   *     #DEFAULT_MAX_FILE_SIZE}
   */
  public FileExclusions(List<String> excludeGlobs, long maxFileSize) {
    this.globs = List.copyOf(excludeGlobs == null ? List.of() : excludeGlobs);
    List<Pattern> patterns = new ArrayList<>();
    for (String g : globs) {
      patterns.add(globToRegex(g));
    }
    this.globPatterns = List.copyOf(patterns);
    this.maxFileSize = maxFileSize > 0 ? maxFileSize : DEFAULT_MAX_FILE_SIZE;
  }

  /** The default rules with no configured globs. */
  public static FileExclusions defaults() {
    return new FileExclusions(List.of(), 0);
  }

  /** Files larger than this many bytes are excluded and not diffed. */
  public long maxFileSize() {
    return maxFileSize;
  }

  /** Why {@code path} of {@code size} bytes is excluded, or null if it is not. */
  public String reason(String path, long size) {
    for (int i = 0; i < globPatterns.size(); i++) {
      if (globPatterns.get(i).matcher(path).matches()) {
        return "matches exclude glob " + globs.get(i);
      }
    }
    String[] segments = path.split("/");
    for (int i = 0; i < segments.length - 1; i++) {
      if (VENDORED_FOLDERS.contains(segments[i])) {
        return "vendored (" + segments[i] + "/)";
      }
    }
    String name = segments[segments.length - 1];
    if (LOCK_FILES.contains(name)) {
      return "lock file";
    }
    if (GENERATED.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
      return "generated";
    }
    if (size > maxFileSize) {
      return "larger than " + maxFileSize + " bytes";
    }
    return null;
  }

  static Pattern globToRegex(String glob) {
    StringBuilder re = new StringBuilder();
    if (glob.endsWith("/")) {
      glob = glob.substring(0, glob.length() - 1);
    }
    if (glob.indexOf('/') < 0) {
      re.append("(?:.*/)?");
    } else if (glob.startsWith("/")) {
      glob = glob.substring(1);
    }
    Globs.translate(glob, re);
    // "docs/" or "docs" as a folder excludes everything under it.
    re.append("(?:/.*)?");
    return Pattern.compile(re.toString());
  }
}
