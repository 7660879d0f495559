package agent.core.config;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a file option a command writes its result to ({@code --output-file}) before the command does
 * any work, so that a typo in its folder is not found only after a long run.
 */
public final class OutputFileOption {
  private OutputFileOption() {}

  /**
   * @param file the option's value; null when the option was not given
   * @param option the option's name, for the message
   * @throws InputException when the file is a folder or its folder does not exist (exit 2)
   * @throws UncheckedIOException when its folder exists but cannot be written (exit 3)
   */
  public static void check(Path file, String option) {
    if (file == null) {
      return;
    }
    if (Files.isDirectory(file)) {
      throw new InputException(option + " " + file + " is a folder; name a file in it");
    }
    Path folder = file.toAbsolutePath().getParent();
    if (folder != null && !Files.isDirectory(folder)) {
      throw new InputException(option + " " + file + ": the folder " + folder + " does not exist; create it or write"
          + " somewhere else");
    }
    if (folder != null && !Files.isWritable(folder)) {
      throw new UncheckedIOException(option + " " + file + ": the folder " + folder + " cannot be written; give the"
          + " agent's account write access to it or write somewhere else",
          new AccessDeniedException(folder.toString()));
    }
  }
}
