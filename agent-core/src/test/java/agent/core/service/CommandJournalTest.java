package agent.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal that keeps a command from running twice and an interrupted one from being forgotten. */
class CommandJournalTest {
  @TempDir Path state;

  @Test
  void aCommandIsTakenOnceAcrossRestarts() throws Exception {
    CommandJournal first = CommandJournal.open(state);
    assertTrue(first.begin("c1", "export"));
    assertFalse(first.begin("c1", "export"), "a re-delivery in the same run");
    first.finish("c1");

    CommandJournal restarted = CommandJournal.open(state);
    assertFalse(restarted.begin("c1", "export"), "a re-delivery after a restart");
    assertTrue(restarted.begin("c2", "validate-config"));
  }

  @Test
  void whatWasRunningWhenTheProcessDiedIsUnfinishedAtTheNextStart() throws Exception {
    CommandJournal first = CommandJournal.open(state);
    first.begin("done", "export");
    first.finish("done");
    first.begin("cut-short", "export");
    first.begin("query", "validate-config");

    List<CommandJournal.Entry> unfinished = CommandJournal.open(state).unfinished();
    assertEquals(List.of("cut-short", "query"), unfinished.stream().map(CommandJournal.Entry::id).toList());
    assertEquals("export", unfinished.get(0).type());
    assertFalse(unfinished.get(0).received().isEmpty());

    CommandJournal second = CommandJournal.open(state);
    second.finish("cut-short");
    second.finish("query");
    assertTrue(CommandJournal.open(state).unfinished().isEmpty());
  }

  @Test
  void keepsTheNewestCommandsOnly() throws Exception {
    CommandJournal j = CommandJournal.open(state, 10);
    for (int i = 0; i < 15; i++) {
      assertTrue(j.begin("c" + i, "export"));
      j.finish("c" + i);
    }
    CommandJournal reopened = CommandJournal.open(state, 10);
    assertTrue(reopened.begin("c4", "export"), "the oldest were forgotten");
    assertFalse(reopened.begin("c6", "export"), "the newest ten are remembered");
  }

  @Test
  void aCorruptJournalIsMovedAsideAndTheAgentStartsAfresh() throws Exception {
    Files.writeString(state.resolve(CommandJournal.FILE), "{\"commands\": [ {\"id\": ", StandardCharsets.UTF_8);
    CommandJournal j = CommandJournal.open(state);
    assertTrue(j.unfinished().isEmpty());
    assertTrue(j.begin("c1", "export"));
    try (Stream<Path> files = Files.list(state)) {
      assertEquals(1, files.filter(f -> f.getFileName().toString().startsWith(CommandJournal.FILE + ".corrupt-")).count());
    }
  }

  @Test
  void holdsIdsAndTypesOnlyNeverParameters() throws Exception {
    CommandJournal.open(state).begin("c1", "export");
    String text = Files.readString(state.resolve(CommandJournal.FILE));
    assertTrue(text.contains("\"id\" : \"c1\""), text);
    assertTrue(text.contains("\"state\" : \"running\""), text);
    assertFalse(text.contains("parameters"), text);
  }
}
