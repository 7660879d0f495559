package agent.core.git;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the host gets the repositories it exports. A local repository is opened where it is and
 * never written to. A clone URL is cloned once, bare, into {@code <cache>/<name>-<hash>.git}, and
 * fetched on later exports with every branch force-updated and deleted branches pruned, so a
 * force-push or a deleted branch upstream shows as such here.
 *
 * <p>A clone is made in a temporary folder and renamed when complete: a killed clone leaves no
 * half repository under the final name, and its leftovers are removed by the next open. Not safe for
 * two processes on the same cache at once (exports are one at a time per root).
 *
 * <p>A {@code file:} URL may point to a shallow repository (a CI checkout made with {@code --depth}).
 * JGit clones and fetches from it without carrying its boundary over, which would leave a clone
 * whose commits name parents it does not have, and no word of it. So the clone is marked shallow
 * where its source is, and cloned again once the source has the history the clone lacks (it was
 * deepened or unshallowed). The shallowness of a server behind any other URL cannot be seen.
 */
public final class RepoCache {
  private static final Logger LOG = LoggerFactory.getLogger(RepoCache.class);
  private static final String TMP_MARK = ".partial-";

  /**
   * What a clone holds: every branch, and GitHub's pull request and GitLab's merge request heads
   * (the commits of a pull request from a fork are only there). A wildcard that matches nothing on
   * the server fetches nothing and fails nothing. The first spec is the branches'.
   */
  static final List<String> FETCH_SPECS = List.of("+refs/heads/*:refs/heads/*", "+refs/pull/*/head:refs/pull/*/head",
      "+refs/merge-requests/*/head:refs/merge-requests/*/head");

  private final Path dir;

  public RepoCache(Path dir) {
    this.dir = dir;
  }

  /**
   * Opens the repository at {@code location}: an absolute path, or a URL (https, http, ssh, git, file,
   * or scp-like {@code git@host:owner/repo}). The caller closes the repository.
   *
   * @param username with {@code password}, credentials for an http(s) URL; empty for none
   * @throws GitAccessException with a sentence saying what went wrong
   */
  public Repository open(String location, String username, String password) {
    if (isUrl(location)) {
      return openRemote(location, credentials(username, password));
    }
    return openLocal(Path.of(location));
  }

  static boolean isUrl(String s) {
    return s.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*") || s.matches("^[^/\\\\\\s]+@[^/:\\s]+:.+");
  }

  private static Repository openLocal(Path path) {
    if (!Files.isDirectory(path)) {
      throw new GitAccessException("repository " + path + " does not exist or is not a folder", null);
    }
    try {
      FileRepositoryBuilder b = new FileRepositoryBuilder().setMustExist(true);
      if (Files.exists(path.resolve(".git"))) {
        b.findGitDir(path.toFile());
      } else {
        b.setGitDir(path.toFile()); // a bare repository
      }
      Repository repo = b.build();
      if (repo.getObjectDatabase() == null || !repo.getObjectDatabase().exists()) {
        repo.close();
        throw new GitAccessException(path + " is not a git repository", null);
      }
      return repo;
    } catch (IOException | IllegalArgumentException e) {
      throw new GitAccessException(path + " is not a git repository: " + e.getMessage(), e);
    }
  }

  private Repository openRemote(String url, CredentialsProvider creds) {
    Path target = dir.resolve(folderName(url));
    try {
      Files.createDirectories(dir);
      removeLeftovers(target);
      Set<ObjectId> sourceBoundary = localSourceBoundary(url);
      if (Files.isDirectory(target) && deepenedAtSource(target, sourceBoundary)) {
        // A fetch would not bring the older commits: the clone already has their descendants.
        LOG.info("{} has history its clone in {} lacks (it was deepened or unshallowed): cloning it again",
            redactUrl(url), target);
        agent.core.fs.FileTrees.delete(target);
      }
      if (Files.isDirectory(target)) {
        try (Git git = Git.open(target.toFile())) {
          if (collectInForeground(git.getRepository().getConfig())) {
            git.getRepository().getConfig().save(); // a clone made by an earlier version
          }
          git.fetch()
              .setRemote("origin")
              .setRefSpecs(FETCH_SPECS.stream().map(RefSpec::new).toList())
              .setRemoveDeletedRefs(true)
              .setCredentialsProvider(creds)
              .call();
        }
        LOG.debug("fetched {} into {}", redactUrl(url), target);
      } else {
        Path tmp = target.resolveSibling(target.getFileName() + TMP_MARK + UUID.randomUUID());
        // A clone as init, config, fetch: the config (a bare mirror of branches, pull and merge request
        // heads; garbage collection in the foreground) is in place before the first object arrives.
        try (Git git = Git.init().setBare(true).setDirectory(tmp.toFile()).call()) {
          StoredConfig config = git.getRepository().getConfig();
          config.setString("remote", "origin", "url", url);
          config.setStringList("remote", "origin", "fetch", FETCH_SPECS);
          collectInForeground(config);
          config.save();
          FetchResult fetched = git.fetch()
              .setRemote("origin")
              .setRefSpecs(FETCH_SPECS.stream().map(RefSpec::new).toList())
              .setCredentialsProvider(creds)
              .call();
          pointHeadAtTheServersDefault(git.getRepository(), fetched);
        }
        Files.move(tmp, target);
        LOG.info("cloned {} into {}", redactUrl(url), target);
      }
      Repository repo = new FileRepositoryBuilder().setGitDir(target.toFile()).setMustExist(true).build();
      markBoundary(repo, sourceBoundary);
      return repo;
    } catch (InvalidRemoteException e) {
      throw new GitAccessException(redactUrl(url) + " is not a git repository or cannot be found", e);
    } catch (TransportException e) {
      throw new GitAccessException(describeTransport(url, e), e);
    } catch (GitAPIException | IOException e) {
      throw new GitAccessException("cannot clone or fetch " + redactUrl(url) + ": " + e.getMessage(), e);
    }
  }

  /**
   * JGit collects garbage after a fetch when needed, by default on a background thread. Here that
   * thread would outlive a clone's rename (its lock file then cannot be released: an ERROR in the log)
   * and be cut short when the export's JVM exits, leaving a stale lock that blocks every later
   * collection. In the foreground it ends with the fetch.
   *
   * @return true when the config changed
   */
  private static boolean collectInForeground(StoredConfig config) {
    if (!config.getBoolean(ConfigConstants.CONFIG_GC_SECTION, ConfigConstants.CONFIG_KEY_AUTODETACH, true)) {
      return false;
    }
    config.setBoolean(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTODETACH, false);
    return true;
  }

  /**
   * HEAD of a new clone names the server's default branch, as {@code git clone} makes it: the branch
   * the server's HEAD points to, or else the branch at the same commit (main or master first). The
   * export takes the default branch from HEAD.
   */
  private static void pointHeadAtTheServersDefault(Repository repo, FetchResult fetched) throws IOException {
    Ref head = fetched.getAdvertisedRef(Constants.HEAD);
    if (head == null) {
      return; // an empty repository, or a server that does not say
    }
    String branch = null;
    if (head.isSymbolic() && head.getTarget().getName().startsWith(Constants.R_HEADS)) {
      branch = head.getTarget().getName();
    } else if (head.getObjectId() != null) {
      List<String> sameCommit = fetched.getAdvertisedRefs().stream()
          .filter(r -> r.getName().startsWith(Constants.R_HEADS) && head.getObjectId().equals(r.getObjectId()))
          .map(Ref::getName).sorted().toList();
      for (String preferred : List.of(Constants.R_HEADS + "main", Constants.R_HEADS + Constants.MASTER)) {
        if (sameCommit.contains(preferred)) {
          branch = preferred;
          break;
        }
      }
      if (branch == null && !sameCommit.isEmpty()) {
        branch = sameCommit.get(0);
      }
    }
    if (branch != null && repo.exactRef(branch) != null) {
      RefUpdate u = repo.updateRef(Constants.HEAD);
      u.disableRefLog();
      u.link(branch);
    }
  }

  /**
   * The shallow boundary of the repository a {@code file:} URL points to, empty if it is complete;
   * null for any other URL, or if it cannot be read (the clone or fetch then says why).
   */
  private static Set<ObjectId> localSourceBoundary(String url) {
    if (!url.regionMatches(true, 0, "file:", 0, 5)) {
      return null;
    }
    try (Repository source = openLocal(Path.of(URI.create(url)))) {
      return Set.copyOf(source.getObjectDatabase().getShallowCommits());
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
  }

  /** Whether the clone in {@code target} is shallow somewhere its source no longer is. */
  private static boolean deepenedAtSource(Path target, Set<ObjectId> sourceBoundary) throws IOException {
    if (sourceBoundary == null) {
      return false;
    }
    try (Repository clone = new FileRepositoryBuilder().setGitDir(target.toFile()).setMustExist(true).build()) {
      return !sourceBoundary.containsAll(clone.getObjectDatabase().getShallowCommits());
    }
  }

  /** Marks the clone shallow at its source's boundary commits that it has. */
  private static void markBoundary(Repository clone, Set<ObjectId> sourceBoundary) throws IOException {
    if (sourceBoundary == null || sourceBoundary.isEmpty()) {
      return;
    }
    Set<ObjectId> boundary = new HashSet<>(clone.getObjectDatabase().getShallowCommits());
    for (ObjectId id : sourceBoundary) {
      if (clone.getObjectDatabase().has(id)) {
        boundary.add(id);
      }
    }
    if (!boundary.equals(clone.getObjectDatabase().getShallowCommits())) {
      clone.getObjectDatabase().setShallowCommits(boundary);
    }
  }

  private static String describeTransport(String url, TransportException e) {
    String m = String.valueOf(e.getMessage());
    String lower = m.toLowerCase();
    if (lower.contains("not authorized") || lower.contains("authentication") || lower.contains("401")
        || lower.contains("403")) {
      return "git rejected the credentials for " + redactUrl(url) + ": check the integration's username and password";
    }
    return "cannot reach " + redactUrl(url) + ": " + m.replace(url, redactUrl(url));
  }

  /** Removes clones a killed process left half done. */
  private static void removeLeftovers(Path target) throws IOException {
    String prefix = target.getFileName() + TMP_MARK;
    try (Stream<Path> s = Files.list(target.getParent())) {
      for (Path p : s.filter(x -> x.getFileName().toString().startsWith(prefix)).toList()) {
        LOG.warn("removing an unfinished clone left by an earlier run: {}", p);
        agent.core.fs.FileTrees.delete(p);
      }
    }
  }

  /** {@code <last path segment>-<12 hex of sha256(url)>.git}: readable, and unique per URL. */
  static String folderName(String url) {
    String path = url.replaceAll("[?#].*$", "").replaceAll("/+$", "");
    String last = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf(':')) + 1);
    if (last.endsWith(".git")) {
      last = last.substring(0, last.length() - 4);
    }
    last = last.replaceAll("[^A-Za-z0-9._-]", "_");
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
      return (last.isEmpty() ? "repo" : last) + "-" + HexFormat.of().formatHex(h, 0, 6) + ".git";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static CredentialsProvider credentials(String username, String password) {
    if (username == null || username.isEmpty()) {
      return null;
    }
    return new UsernamePasswordCredentialsProvider(username, password == null ? "" : password);
  }

  /** The URL without any user info, for messages; anything else (a path) as it is. */
  public static String redactUrl(String url) {
    try {
      URI u = URI.create(url);
      if (u.getUserInfo() != null) {
        return url.replace(u.getRawUserInfo() + "@", "");
      }
    } catch (IllegalArgumentException notAUri) {
      // scp-like syntax: no password can be inside.
    }
    return url;
  }

  /** For tests: the cache's folders. */
  List<Path> folders() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }
}
