package agent.core.plugin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A plugin process and every process below it. A plugin may be a wrapper (a shell script that starts
 * java, a Python launcher) whose real process is a child: stopping only the pid the host started
 * would leave that child running.
 *
 * <p>The descendants are remembered whenever the host looks ({@link #remember()}: after the
 * handshake, and before every stop), because once a parent exits its children are re-parented and no
 * longer show as its descendants. A remembered handle names one process, not a pid: a pid reused by
 * an unrelated process is never signalled. A child the wrapper detached before the host looked (a
 * double fork) is out of reach. Thread-safe.
 */
final class ProcessTree {
  private final Process root;
  private final Set<ProcessHandle> known = new LinkedHashSet<>();

  ProcessTree(Process root) {
    this.root = root;
  }

  /** Adds the root's current descendants to the ones to stop with it. */
  synchronized void remember() {
    root.descendants().forEach(known::add);
  }

  /** True while the root or any remembered descendant runs. */
  synchronized boolean anyAlive() {
    return root.isAlive() || known.stream().anyMatch(ProcessHandle::isAlive);
  }

  /**
   * Stops the whole tree: a polite signal (SIGTERM) to every process, up to {@code grace} for them
   * to exit, then a kill for the rest.
   *
   * @return true when every process of the tree has exited
   */
  boolean terminate(Duration grace) {
    List<ProcessHandle> all = snapshot();
    all.forEach(ProcessHandle::destroy);
    if (!awaitAll(all, grace)) {
      return kill(Duration.ofSeconds(5));
    }
    return true;
  }

  /**
   * Kills the whole tree at once (SIGKILL) and waits up to {@code wait} for it to be gone.
   *
   * @return true when every process of the tree has exited
   */
  boolean kill(Duration wait) {
    List<ProcessHandle> all = snapshot();
    // The root first: a wrapper whose child died first would go on with its script and could start another.
    all.forEach(ProcessHandle::destroyForcibly);
    return awaitAll(all, wait);
  }

  /** The root, then its descendants: the ones remembered that still run and the ones it has now. */
  private synchronized List<ProcessHandle> snapshot() {
    remember();
    List<ProcessHandle> all = new ArrayList<>();
    all.add(root.toHandle());
    known.stream().filter(ProcessHandle::isAlive).forEach(all::add);
    return all;
  }

  private static boolean awaitAll(List<ProcessHandle> handles, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    for (ProcessHandle h : handles) {
      long left = deadline - System.nanoTime();
      try {
        h.onExit().get(Math.max(0, left), TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        return false;
      } catch (java.util.concurrent.ExecutionException e) {
        // onExit never completes exceptionally; treat it as still running.
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return handles.stream().noneMatch(ProcessHandle::isAlive);
      }
    }
    return true;
  }
}
