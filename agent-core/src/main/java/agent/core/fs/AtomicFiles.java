package agent.core.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Durable file replacement: a reader sees either the old content or the new one, never a mix or a
 * truncated file, even if the process or the machine dies in between.
 *
 * <p>The recipe is the classic one: write {@code <target>.tmp} in the same folder (a rename is only
 * atomic within one file system), fsync it, rename it over the target, fsync the folder so the
 * rename itself survives a power loss.
 *
 * <p>Not meant for several concurrent writers of the same target: they would share the {@code .tmp}
 * file. Callers serialize their writes (one owner per file).
 */
public final class AtomicFiles {
  /** Suffix of the temporary sibling a write goes through. */
  public static final String TMP_SUFFIX = ".tmp";

  /** 0600, for files holding secrets; an owner-only ACL where the file system has ACLs instead. */
  public static final Set<PosixFilePermission> OWNER_ONLY =
      Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private static final boolean WINDOWS =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

  private AtomicFiles() {}

  /**
   * Replaces {@code target} with {@code content} atomically and durably. The parent folder must
   * exist. On failure the target is untouched (old content or still absent), the temporary file is
   * removed (best effort) and the exception propagates.
   */
  public static void writeAtomically(Path target, byte[] content) throws IOException {
    writeAtomically(target, content, null);
  }

  /**
   * Like {@link #writeAtomically(Path, byte[])}, and the file gets {@code permissions} (e.g. 0600
   * for files holding secrets) from the moment it is created, where the file system supports POSIX
   * permissions. Where it has ACLs instead (NTFS), owner-only permissions become an ACL that grants
   * the file's owner alone full access, set before a byte is written; other permissions are ignored
   * there. {@code null} means the default permissions.
   */
  public static void writeAtomically(
      Path target, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
    Path tmp = tmpSibling(target);
    try {
      // A stale .tmp from a killed process may exist with other permissions: start afresh so the
      // permissions below apply at creation (no window where a secret is world-readable).
      Files.deleteIfExists(tmp);
      try (FileChannel channel = create(tmp, permissions)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      moveReplacing(tmp, target);
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    fsyncDirectory(parentOf(target));
  }

  /**
   * Renames {@code source} over {@code target} in one step where the file system can (ATOMIC_MOVE,
   * which replaces an existing target on POSIX and on Windows), else with a plain replacing move.
   * Does not fsync anything.
   */
  public static void moveReplacing(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Flushes a folder's entries (creations, renames, deletions) to stable storage. A no-op on
   * Windows, where a folder cannot be opened for that (NTFS journals metadata itself). Elsewhere a
   * failure propagates: the caller cannot assume its rename is durable.
   */
  public static void fsyncDirectory(Path dir) throws IOException {
    if (WINDOWS) {
      return;
    }
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /**
   * Creates {@code dir} and its missing parents, fsyncing the parent of every folder it creates so
   * that the new folders survive a power loss along with the files later written into them.
   */
  public static void createDirectories(Path dir) throws IOException {
    Path absolute = dir.toAbsolutePath().normalize();
    Deque<Path> missing = new ArrayDeque<>();
    for (Path p = absolute; p != null && !Files.isDirectory(p); p = p.getParent()) {
      missing.push(p);
    }
    while (!missing.isEmpty()) {
      Path created = missing.pop();
      Files.createDirectories(created); // tolerates a concurrent creation; fails on a regular file
      fsyncDirectory(created.getParent());
    }
  }

  /** The temporary sibling a write of {@code target} goes through: {@code <target>.tmp}. */
  public static Path tmpSibling(Path target) {
    return target.resolveSibling(target.getFileName().toString() + TMP_SUFFIX);
  }

  private static FileChannel create(Path tmp, Set<PosixFilePermission> permissions)
      throws IOException {
    Set<StandardOpenOption> options =
        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    if (permissions == null || !supportsPosix(tmp)) {
      FileChannel channel = FileChannel.open(tmp, options);
      if (permissions != null && OWNER_ONLY.containsAll(permissions) && supports(tmp, "acl")) {
        try {
          restrictToOwner(tmp);
        } catch (IOException | RuntimeException e) {
          channel.close();
          throw e;
        }
      }
      return channel;
    }
    FileAttribute<Set<PosixFilePermission>> attribute =
        PosixFilePermissions.asFileAttribute(permissions);
    FileChannel channel = FileChannel.open(tmp, options, attribute);
    try {
      // The umask may have removed bits the caller asked for: set them exactly.
      Files.setPosixFilePermissions(tmp, permissions);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    return channel;
  }

  /**
   * The ACL form of 0600: one entry, the owner's, with every permission and no inheritance from the
   * folder, so that neither other users nor a broad folder ACL (e.g. "Users: read") can read it.
   */
  private static void restrictToOwner(Path file) throws IOException {
    AclFileAttributeView view = Files.getFileAttributeView(file, AclFileAttributeView.class);
    UserPrincipal owner = view.getOwner();
    AclEntry ownerOnly = AclEntry.newBuilder()
        .setType(AclEntryType.ALLOW)
        .setPrincipal(owner)
        .setPermissions(EnumSet.allOf(AclEntryPermission.class))
        .build();
    view.setAcl(List.of(ownerOnly));
  }

  private static boolean supportsPosix(Path path) {
    return supports(path, "posix");
  }

  private static boolean supports(Path path, String view) {
    return path.getFileSystem().supportedFileAttributeViews().contains(view);
  }

  private static Path parentOf(Path target) {
    Path parent = target.toAbsolutePath().getParent();
    if (parent == null) {
      throw new IllegalArgumentException("no parent folder: " + target);
    }
    return parent;
  }
}
