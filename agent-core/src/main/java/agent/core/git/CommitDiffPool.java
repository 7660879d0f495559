package agent.core.git;

import agent.rpcdef.model.Date;
import agent.rpcdef.model.sourcecode.Commit;
import agent.rpcdef.model.sourcecode.CommitFile;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Turns commit ids into {@link Commit} objects with their per-file statistics ({@link
 * CommitDiffer}) on a pool of {@link GitHistoryWalker.Options#threads()} workers, each with its own
 * {@link ObjectReader} and differ, with at most {@link #IN_FLIGHT} commits queued or computed at a
 * time, so memory stays bounded whatever the number of commits. The commits reach the consumer on
 * the calling thread in the order given. The one place a commit's statistics are computed: the
 * history export and the pull request commits ({@link PullRequestCommits}) agree by construction.
 */
final class CommitDiffPool {
  /** Commits queued or being diffed at once: bounds memory, keeps both cores busy. */
  static final int IN_FLIGHT = 64;

  private final Repository repo;
  private final GitHistoryWalker.Options options;
  private final CommitDiffer.Blame blame;

  CommitDiffPool(Repository repo, GitHistoryWalker.Options options) {
    this(repo, options, CommitDiffer.Blame.OFF);
  }

  /** A pool whose differs also work out {@code blame} ({@link CommitDiffer.Blame}). */
  CommitDiffPool(Repository repo, GitHistoryWalker.Options options, CommitDiffer.Blame blame) {
    this.repo = repo;
    this.options = options;
    this.blame = blame;
  }

  /**
   * A commit as a worker left it: the exported object, and its files' changes as the blame needs
   * them ({@link CommitDiffer.Change}).
   *
   * @param parents the parents the walk knows (none for a root, or a shallow repository's boundary)
   */
  record Diffed(Commit commit, ObjectId id, List<ObjectId> parents, List<CommitDiffer.Change> changes) {}

  /**
   * Hands the commit of each id in {@code todo} to {@code out}, in order, and returns how many it
   * handed. Each entry of {@code todo} is set to null once submitted, so that a long walk's commits
   * can be collected as they go; {@code todo} must be mutable.
   *
   * @param ordinal the {@code ordinal} of each commit's object
   * @throws IOException when the repository cannot be read; interrupting the calling thread ends
   *     the run with an {@link InterruptedIOException}
   * @throws RuntimeException whatever {@code out} throws, after stopping the workers
   */
  <T extends ObjectId> long diffAll(List<T> todo, ToLongFunction<? super T> ordinal, Consumer<Commit> out,
      GitHistoryWalker.Progress progress) throws IOException {
    return diffEach(todo, ordinal, d -> out.accept(d.commit()), progress);
  }

  /** As {@link #diffAll}, handing over each commit with its changes. */
  <T extends ObjectId> long diffEach(List<T> todo, ToLongFunction<? super T> ordinal, Consumer<Diffed> out,
      GitHistoryWalker.Progress progress) throws IOException {
    int threads = options.threads() > 0 ? options.threads() : Runtime.getRuntime().availableProcessors();
    ConcurrentLinkedQueue<Worker> workers = new ConcurrentLinkedQueue<>();
    ThreadLocal<Worker> local = ThreadLocal.withInitial(() -> {
      Worker w = new Worker();
      workers.add(w);
      return w;
    });
    AtomicInteger threadNo = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "git-diff-" + threadNo.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    ArrayDeque<Future<Diffed>> inFlight = new ArrayDeque<>();
    long total = todo.size();
    long done = 0;
    try {
      for (int i = 0; i < todo.size() || !inFlight.isEmpty(); ) {
        if (i < todo.size() && inFlight.size() < IN_FLIGHT) {
          T c = todo.get(i);
          // Let the walk's commit be collected once handed over: only its id and ordinal travel.
          todo.set(i++, null);
          ObjectId id = c.copy();
          long level = ordinal.applyAsLong(c);
          inFlight.add(pool.submit(() -> local.get().commit(id, level)));
          continue;
        }
        out.accept(await(inFlight.poll()));
        progress.update(++done, total);
      }
    } finally {
      for (Future<Diffed> f : inFlight) {
        f.cancel(true);
      }
      pool.shutdownNow();
      try {
        pool.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      workers.forEach(Worker::close);
    }
    return done;
  }

  private static Diffed await(Future<Diffed> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("git history walk interrupted");
    } catch (CancellationException e) {
      throw new InterruptedIOException("git history walk cancelled");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(cause);
    }
  }

  /** One diff worker's state: its own reader and differ, never shared between threads. */
  private final class Worker implements AutoCloseable {
    private final ObjectReader reader = repo.newObjectReader();
    private final CommitDiffer differ = new CommitDiffer(reader, repo.getConfig(), options.exclusions(),
        options.codeStats(), blame);

    Diffed commit(ObjectId id, long level) throws IOException {
      RevCommit c = differ.parseCommit(id);
      List<CommitDiffer.Change> changes = differ.changes(c);
      List<CommitFile> files = new ArrayList<>(changes.size());
      for (CommitDiffer.Change ch : changes) {
        files.add(ch.file());
      }
      // A shallow repository's boundary commit walks as parentless, but its object names its
      // parents: those are facts, exported though the parents are not (a root names none anyway).
      RevCommit named = c.getParentCount() == 0 ? RevCommit.parse(c.getRawBuffer()) : c;
      List<String> parents = new ArrayList<>(named.getParentCount());
      for (RevCommit p : named.getParents()) {
        parents.add(p.name());
      }
      String sha = id.name();
      Commit commit = Commit.builder(files).customerId(options.customerId()).refType(options.refType()).refId(sha)
          .repoId(options.repoId()).sha(sha).message(c.getFullMessage())
          .url(GitHistoryWalker.url(options.commitUrlTemplate(), "{sha}", sha)).author(signature(c.getAuthorIdent()))
          .committer(signature(c.getCommitterIdent())).parents(parents).ordinal(level).build();
      return new Diffed(commit, id, BlameWalk.parentIds(c), blame == CommitDiffer.Blame.OFF ? List.of() : changes);
    }

    @Override
    public void close() {
      differ.close();
      reader.close();
    }
  }

  private static Commit.Signature signature(PersonIdent p) {
    if (p == null) {
      return null;
    }
    int offsetMinutes = p.getZoneOffset().getTotalSeconds() / 60;
    return Commit.Signature.builder().name(p.getName()).email(p.getEmailAddress())
        .date(Date.ofEpochMillis(p.getWhenAsInstant().toEpochMilli(), offsetMinutes)).build();
  }
}
