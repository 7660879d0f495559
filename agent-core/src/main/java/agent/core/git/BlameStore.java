package agent.core.git;

import agent.rpcdef.model.Date;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blame's line origins of a repository's exported tips, kept between exports in one file so
 * that the next export continues from them instead of replaying the history ({@link BlameTracker}).
 *
 * <p>What it holds: for each kept commit (the tips of the last walk, and the tips it started from,
 * so that a walk whose token was never committed can start again from those), the path of every
 * followed file and the origin of each of its lines; files the same in several commits are stored
 * once, and each origin (sha, author e-mail, author date) once. Size: about 1 to 3 bytes a line of
 * each distinct followed file, plus the paths.
 *
 * <p>Format: the magic {@code AGBLAME1}, the repository id, the origins, the files, the commits
 * (counts and indices as unsigned LEB128 varints), then the CRC-32 of everything before it. Written
 * to a temporary file, fsynced and moved into place, so a crash leaves the old file or the new one.
 * A missing file, one of another repository, a truncated or corrupt one: {@link #load} says so
 * (logging why, for the last three) and the walk rebuilds the origins it needs from the history.
 */
final class BlameStore {
  private static final Logger log = LoggerFactory.getLogger(BlameStore.class);
  private static final byte[] MAGIC = {'A', 'G', 'B', 'L', 'A', 'M', 'E', '1'};

  private final Path file;
  private final String repoId;

  BlameStore(Path file, String repoId) {
    this.file = file;
    this.repoId = repoId;
  }

  Path file() {
    return file;
  }

  /** Loads the saved origins into {@code tracker}; false when there were none to load. */
  boolean load(BlameTracker tracker) {
    try (InputStream raw = Files.newInputStream(file)) {
      long size = Files.size(file);
      CRC32 crc = new CRC32();
      DataInputStream in = new DataInputStream(new CheckedInputStream(new BufferedInputStream(raw, 1 << 16), crc));
      byte[] magic = new byte[MAGIC.length];
      in.readFully(magic);
      if (!java.util.Arrays.equals(magic, MAGIC)) {
        log.warn("blame state {} is not one this agent wrote: rebuilding the line origins from the history", file);
        return false;
      }
      String repo = in.readUTF();
      if (!repo.equals(repoId)) {
        log.warn("blame state {} is of another repository ({}): rebuilding the line origins from the history",
            file, repo);
        return false;
      }
      int originCount = count(in, size);
      List<BlameTracker.Origin> origins = new ArrayList<>(originCount);
      byte[] sha = new byte[Constants.OBJECT_ID_LENGTH];
      for (int i = 0; i < originCount; i++) {
        in.readFully(sha);
        String email = in.readUTF();
        long epoch = in.readLong();
        int offset = in.readInt();
        origins.add(new BlameTracker.Origin(ObjectId.fromRaw(sha).name(), email, Date.ofEpochMillis(epoch, offset)));
      }
      int fileCount = count(in, size);
      List<int[]> files = new ArrayList<>(fileCount);
      for (int i = 0; i < fileCount; i++) {
        int[] lines = new int[count(in, size)];
        for (int k = 0; k < lines.length; k++) {
          lines[k] = index(in, originCount);
        }
        files.add(lines);
      }
      int commitCount = count(in, size);
      Map<ObjectId, PathMap<int[]>> states = new HashMap<>();
      for (int i = 0; i < commitCount; i++) {
        in.readFully(sha);
        ObjectId id = ObjectId.fromRaw(sha);
        int entries = count(in, size);
        PathMap<int[]> m = PathMap.empty();
        for (int k = 0; k < entries; k++) {
          String path = in.readUTF();
          m = m.put(path, files.get(index(in, fileCount)));
        }
        states.put(id, m);
      }
      long expected = crc.getValue();
      long stored = in.readInt() & 0xffffffffL;
      if (expected != stored || in.read() != -1) {
        log.warn("blame state {} is corrupt (checksum): rebuilding the line origins from the history", file);
        return false;
      }
      tracker.load(origins, states);
      return true;
    } catch (NoSuchFileException e) {
      return false;
    } catch (EOFException e) {
      log.warn("blame state {} is truncated: rebuilding the line origins from the history", file);
      return false;
    } catch (IOException | RuntimeException e) {
      log.warn("blame state {} is unreadable ({}): rebuilding the line origins from the history", file, e.toString());
      return false;
    }
  }

  /**
   * Saves the origins {@code tracker} keeps ({@link BlameTracker#kept()}), replacing the file
   * atomically; only the origins they use are written. Returns how many commits' origins it saved.
   */
  int save(BlameTracker tracker) throws IOException {
    Map<ObjectId, PathMap<int[]>> kept = tracker.kept();
    Map<Integer, Integer> originIndex = new HashMap<>();
    List<Integer> originOrder = new ArrayList<>();
    Map<int[], Integer> fileIndex = new IdentityHashMap<>();
    List<int[]> fileOrder = new ArrayList<>();
    for (PathMap<int[]> state : kept.values()) {
      state.forEach((path, lines) -> {
        if (fileIndex.putIfAbsent(lines, fileOrder.size()) == null) {
          fileOrder.add(lines);
          for (int o : lines) {
            if (originIndex.putIfAbsent(o, originOrder.size()) == null) {
              originOrder.add(o);
            }
          }
        }
      });
    }
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      OutputStream raw = java.nio.channels.Channels.newOutputStream(ch);
      CRC32 crc = new CRC32();
      BufferedOutputStream buffered = new BufferedOutputStream(raw, 1 << 16);
      DataOutputStream out = new DataOutputStream(new CheckedOutputStream(buffered, crc));
      out.write(MAGIC);
      out.writeUTF(repoId);
      varint(out, originOrder.size());
      byte[] sha = new byte[Constants.OBJECT_ID_LENGTH];
      for (int o : originOrder) {
        BlameTracker.Origin origin = tracker.origin(o);
        ObjectId.fromString(origin.sha()).copyRawTo(sha, 0);
        out.write(sha);
        out.writeUTF(origin.email() == null ? "" : origin.email());
        out.writeLong(origin.date().epoch());
        out.writeInt(origin.date().offset());
      }
      varint(out, fileOrder.size());
      for (int[] lines : fileOrder) {
        varint(out, lines.length);
        for (int o : lines) {
          varint(out, originIndex.get(o));
        }
      }
      varint(out, kept.size());
      for (Map.Entry<ObjectId, PathMap<int[]>> e : kept.entrySet()) {
        e.getKey().copyRawTo(sha, 0);
        out.write(sha);
        varint(out, e.getValue().size());
        IOException[] failed = new IOException[1];
        e.getValue().forEach((path, lines) -> {
          try {
            out.writeUTF(path);
            varint(out, fileIndex.get(lines));
          } catch (IOException x) {
            failed[0] = x;
          }
        });
        if (failed[0] != null) {
          throw failed[0];
        }
      }
      out.flush();
      new DataOutputStream(buffered).writeInt((int) crc.getValue());
      buffered.flush();
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return kept.size();
  }

  private static void varint(DataOutputStream out, int v) throws IOException {
    while ((v & ~0x7f) != 0) {
      out.write((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    out.write(v);
  }

  private static int varint(DataInputStream in) throws IOException {
    int v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int b = in.readUnsignedByte();
      v |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new IOException("a number longer than 5 bytes");
  }

  /** A count that cannot exceed the file's size: a corrupt one fails before it allocates. */
  private static int count(DataInputStream in, long fileSize) throws IOException {
    int n = varint(in);
    if (n < 0 || n > fileSize) {
      throw new IOException("a count of " + n + " in a file of " + fileSize + " bytes");
    }
    return n;
  }

  private static int index(DataInputStream in, int bound) throws IOException {
    int i = varint(in);
    if (i < 0 || i >= bound) {
      throw new IOException("an index of " + i + " beyond " + bound);
    }
    return i;
  }
}
