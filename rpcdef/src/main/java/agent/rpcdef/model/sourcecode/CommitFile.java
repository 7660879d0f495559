package agent.rpcdef.model.sourcecode;

import agent.rpcdef.model.ModelBuilder;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One file changed by a {@link Commit}, as {@code git log --numstat --first-parent -M} reports it:
 * the change against the commit's first parent (against the empty tree for a root commit). Not an
 * object of its own: it lives in {@link Commit#files()} and has no id. In its commit's {@code
 * hashcode} it stands as its own hash over every field (see {@link agent.rpcdef.model.Hashcode}).
 *
 * @param filename the path after the commit (for a removed file, the path it had), always with
 *     {@code /} separators, UTF-8
 * @param status {@code added}, {@code modified} or {@code removed}; a rename is {@code modified}
 *     with {@code renamed} set
 * @param renamed true when git's rename detection (similarity 50%, as {@code git -M}) paired a
 *     removed path with an added one
 * @param renamedFrom the old path of a renamed file; absent otherwise
 * @param renamedTo the new path of a renamed file (equal to {@code filename}); absent otherwise
 * @param additions lines added; 0 for a binary file
 * @param deletions lines deleted; 0 for a binary file
 * @param binary git's rule: a NUL byte in the first 8000 bytes of either side (numstat shows
 *     {@code -	-})
 * @param language linguist's name of the file's language (for a removed file, of the content it
 *     had); absent if unknown
 * @param size the size in bytes after the commit: 0 for a removed file
 * @param excluded true when analytics should ignore the file: vendored, lock file, generated, too
 *     large, or matching a configured exclude glob
 * @param excludedReason why it is excluded; absent unless excluded
 * @param loc lines (scc's "lines"), of the content after the commit; absent when not counted: a
 *     removed or binary file, a file excluded for its size, line count or line length, or code
 *     statistics turned off
 * @param sloc lines of code; absent when not counted
 * @param comments comment lines; absent when not counted
 * @param blanks blank lines; absent when not counted
 * @param complexity complexity tokens in code (scc's complexity); absent when not counted
 * @param license the SPDX identifier of a licence file's licence; absent for other files and when
 *     none is recognised
 * @param licenseConfidence how similar the file is to that licence's text, 0 to 1; absent with
 *     {@code license}
 */
@ModelBuilder
public record CommitFile(
    String filename,
    Status status,
    boolean renamed,
    String renamedFrom,
    String renamedTo,
    int additions,
    int deletions,
    boolean binary,
    String language,
    long size,
    boolean excluded,
    String excludedReason,
    Integer loc,
    Integer sloc,
    Integer comments,
    Integer blanks,
    Integer complexity,
    String license,
    Double licenseConfidence) {

  /** What a commit did to a file. */
  public enum Status {
    ADDED("added"),
    MODIFIED("modified"),
    REMOVED("removed");

    private final String value;

    Status(String value) {
      this.value = value;
    }

    /** The exported value. */
    @JsonValue
    public String value() {
      return value;
    }
  }

  /** A builder: name each field. */
  public static CommitFileBuilder builder() {
    return CommitFileBuilder.builder();
  }
}
