package agent.core.config;

import agent.rpcdef.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads JSON given inline or in a file, with errors that point at the position. */
final class JsonInput {
  private JsonInput() {}

  static JsonNode parse(String json, String source) {
    if (json == null || json.isBlank()) {
      throw new InputException(source + " is empty");
    }
    try {
      JsonNode n = Json.mapper().readTree(json);
      if (n == null || n.isMissingNode()) {
        throw new InputException(source + " is empty");
      }
      return n;
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new InputException("malformed JSON in " + source + where + ": " + e.getOriginalMessage());
    }
  }

  static String read(Path file, String option) {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new InputException(option + ": file " + file + " does not exist");
    } catch (IOException e) {
      throw new InputException(option + ": cannot read " + file + ": " + e.getMessage());
    }
  }
}
