package agent.core.service;

import agent.core.loop.StopSignal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The commands service-run is seeing to, each with its one state, in one place: the heartbeat reads the
 * running ones from here, a cancel marks its target here, and the workers ask here whether theirs was
 * cancelled. A command is in the table from the moment it is dispatched until its child ended (or it was
 * told it will not run); what happened to it after that is the journal's ({@link CommandJournal}).
 *
 * <ul>
 *   <li>{@link State#QUEUED}: an export waiting for the export worker, behind the one that runs;
 *   <li>{@link State#RUNNING}: its child runs (a query counts as running from its dispatch on, as it
 *       runs beside the exports at once, or nearly);
 *   <li>either with a cancel requested: a queued export never starts, a running child is stopped.
 * </ul>
 *
 * <p>Thread-safe: the poll thread dispatches and cancels, the workers start and end, the heartbeat reads.
 */
final class CommandTable {
  enum State { QUEUED, RUNNING }

  private record Entry(State state, boolean cancelRequested) {}

  /** In the order the commands started (a queued export moves to the end when it starts). */
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  /** An export handed to the export worker, behind what it already has. */
  synchronized void queued(String id) {
    entries.put(id, new Entry(State.QUEUED, false));
  }

  /** Its child is about to start; a cancel already requested stays requested. */
  synchronized void running(String id) {
    Entry before = entries.remove(id);
    entries.put(id, new Entry(State.RUNNING, before != null && before.cancelRequested()));
  }

  /** Its child ended, or it will not run: it is no longer the service's to stop. */
  synchronized void ended(String id) {
    entries.remove(id);
  }

  /** True while the command is queued or running. */
  synchronized boolean active(String id) {
    return entries.containsKey(id);
  }

  /**
   * Asks that the command be stopped: a queued one never starts, a running one's child is stopped.
   *
   * @return false when it is neither queued nor running: there is nothing to stop
   */
  synchronized boolean requestCancel(String id) {
    Entry e = entries.get(id);
    if (e == null) {
      return false;
    }
    entries.put(id, new Entry(e.state(), true));
    return true;
  }

  /** True once a cancel was requested while the command was queued or running. */
  synchronized boolean cancelRequested(String id) {
    Entry e = entries.get(id);
    return e != null && e.cancelRequested();
  }

  /** The ids of the running commands, for the heartbeat. */
  synchronized List<String> running() {
    List<String> out = new ArrayList<>();
    entries.forEach((id, e) -> {
      if (e.state() == State.RUNNING) {
        out.add(id);
      }
    });
    return out;
  }

  /**
   * Waits until the command left the table: it ends within its child's SIGTERM-to-kill delay once
   * cancelled.
   *
   * @return false when the stop signal came first
   */
  boolean awaitEnded(String id, StopSignal stop) {
    while (active(id)) {
      if (!stop.sleep(Duration.ofMillis(100))) {
        return false;
      }
    }
    return true;
  }
}
