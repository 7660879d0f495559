package agent.core.output;

/**
 * One finalized output file: complete, fsynced and under its final name.
 *
 * @param path relative to the export folder, with {@code '/'} separators on every OS, e.g. {@code
 *     github/sourcecode.PullRequest/000000.json.gz}
 * @param modelType the model type of every object in it, e.g. {@code sourcecode.PullRequest}
 * @param objects how many objects (lines) it holds
 * @param rawBytes the uncompressed size: the newline-delimited JSON as appended
 * @param bytes the size of the file (gzip), header and trailer included
 * @param sha256 the SHA-256 of the file's bytes, lowercase hex
 */
public record OutputFile(
    String path, String modelType, long objects, long rawBytes, long bytes, String sha256) {}
