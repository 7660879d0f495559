package agent.core.git;

import org.eclipse.jgit.storage.file.WindowCacheConfig;

/**
 * Sizes JGit's process-wide pack caches for history export. JGit's defaults (10 MiB of pack windows,
 * 10 MiB of delta bases) make a walk over a pack larger than that inflate and re-apply the same
 * deltas again and again. The settings are global to the JVM, so the process that exports calls
 * this once at start-up; a library never does it behind its caller's back.
 */
public final class JGitCaches {
  private JGitCaches() {}

  /**
   * Gives pack windows an eighth and delta bases a sixteenth of the maximum heap, capped at 256 and
   * 128 MiB: 64 and 32 MiB under {@code -Xmx512m}, leaving the rest to the diff workers.
   */
  public static void configureForExport() {
    long heap = Runtime.getRuntime().maxMemory();
    WindowCacheConfig c = new WindowCacheConfig();
    c.setPackedGitLimit(Math.max(c.getPackedGitLimit(), Math.min(256L << 20, heap / 8)));
    c.setDeltaBaseCacheLimit((int) Math.max(c.getDeltaBaseCacheLimit(), Math.min(128L << 20, heap / 16)));
    c.install();
  }
}
