package agent.rpcdef.model.sourcecode;

import agent.rpcdef.model.Date;
import agent.rpcdef.model.ExportedObject;
import agent.rpcdef.model.Ids;
import agent.rpcdef.model.ModelBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;

/**
 * One file as a commit left it, line by line: who last changed each line, and in which commit
 * ({@code sourcecode.Blame}). There is one for every {@link CommitFile} of a {@link Commit}: added,
 * modified and removed files, with the same statistics; {@code lines} only for a text file that is
 * not excluded and not removed. Its {@code ref_id} is {@code <sha>:<filename>}, git's own name for
 * a file at a commit.
 *
 * <p>{@code id} = {@code Ids.of(customerId, refType, refId, repoId)}; derived when not given.
 * {@code hashcode} is computed from every other component ({@link ExportedObject#hashcode}).
 *
 * @param commitId the {@code id} of the {@link Commit}
 * @param sha the commit's sha
 * @param repoId the {@code id} of the {@link Repo}
 * @param filename the file's path after the commit (before it, for a removed file)
 * @param status as the commit's {@link CommitFile#status()}
 * @param renamedFrom the path the file had before the commit, for a renamed file; absent otherwise
 * @param language as {@link CommitFile#language()}
 * @param size as {@link CommitFile#size()}
 * @param loc as {@link CommitFile#loc()}
 * @param sloc as {@link CommitFile#sloc()}
 * @param comments as {@link CommitFile#comments()}
 * @param blanks as {@link CommitFile#blanks()}
 * @param complexity as {@link CommitFile#complexity()}
 * @param license as {@link CommitFile#license()}
 * @param licenseConfidence as {@link CommitFile#licenseConfidence()}
 * @param excluded as {@link CommitFile#excluded()}
 * @param excludedReason as {@link CommitFile#excludedReason()}
 * @param changeDate the commit's author date
 * @param lines every line of the file after the commit, in order; empty for a removed, binary,
 *     excluded or non-regular file (symlink, submodule), or one too large to diff
 */
@ModelBuilder
public record Blame(
    String id,
    String refId,
    String refType,
    String customerId,
    String commitId,
    String sha,
    String repoId,
    String filename,
    CommitFile.Status status,
    String renamedFrom,
    String language,
    long size,
    Integer loc,
    Integer sloc,
    Integer comments,
    Integer blanks,
    Integer complexity,
    String license,
    Double licenseConfidence,
    boolean excluded,
    String excludedReason,
    Date changeDate,
    @JsonSerialize(using = LinesSerializer.class) List<Line> lines) implements ExportedObject {

  public static final String MODEL = "sourcecode.Blame";

  /**
   * One line of a blamed file: the commit that last changed it (added it, or changed it from what
   * its parent had), and what the line is now. Exactly one of {@code code}, {@code comment} and
   * {@code blank} is true.
   *
   * @param sha the commit that last changed the line
   * @param date that commit's author date
   * @param authorRefId that commit's author e-mail address
   * @param code a line with code (a line with code and a comment is code)
   * @param comment a line with only a comment (a blank line inside a block comment is one)
   * @param blank a line with only whitespace
   */
  @ModelBuilder
  public record Line(String sha, Date date, String authorRefId, boolean code, boolean comment, boolean blank) {

    /** A builder: name each field. */
    public static BlameLineBuilder builder() {
      return BlameLineBuilder.builder();
    }
  }

  /**
   * Writes {@code lines} as any list, but each distinct {@link Line} instance is serialized once per
   * list and its JSON repeated: a file's lines share one instance per commit and line class, and
   * a history's blames hold millions of lines.
   */
  static final class LinesSerializer extends StdSerializer<List<Line>> {
    @SuppressWarnings({"unchecked", "rawtypes"})
    LinesSerializer() {
      super((Class) List.class);
    }

    @Override
    public void serialize(List<Line> lines, JsonGenerator gen, SerializerProvider provider) throws IOException {
      if (!(gen.getCodec() instanceof ObjectMapper mapper)) {
        provider.defaultSerializeValue(lines, gen);
        return;
      }
      gen.writeStartArray(lines, lines.size());
      // Kept as UTF-8 bytes: a raw value written from a String is re-encoded char by char each time.
      IdentityHashMap<Line, SerializedString> written = new IdentityHashMap<>();
      for (Line l : lines) {
        if (l == null) {
          gen.writeNull();
          continue;
        }
        SerializedString json = written.get(l);
        if (json == null) {
          json = new SerializedString(mapper.writeValueAsString(l));
          written.put(l, json);
        }
        gen.writeRawValue(json);
      }
      gen.writeEndArray();
    }
  }

  /** The {@code ref_id} of the blame of {@code filename} at commit {@code sha}. */
  public static String refId(String sha, String filename) {
    return sha + ":" + filename;
  }

  /** A builder: name each field, leave {@code id} unset to have it derived. */
  public static BlameBuilder builder() {
    return BlameBuilder.builder();
  }

  public Blame {
    Objects.requireNonNull(refId, "sourcecode.Blame needs a ref_id");
    Objects.requireNonNull(refType, "sourcecode.Blame needs a ref_type");
    Objects.requireNonNull(customerId, "sourcecode.Blame needs a customer_id");
    Objects.requireNonNull(repoId, "sourcecode.Blame needs a repo_id");
    lines = lines == null ? List.of() : List.copyOf(lines);
    if (id == null) {
      id = Ids.of(customerId, refType, refId, repoId);
    }
  }
}
