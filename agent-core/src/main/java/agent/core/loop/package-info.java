/**
 * What every loop of {@code service-run} is built from, whichever package the loop lives in: the one
 * {@link agent.core.loop.StopSignal}, {@link agent.core.loop.Backoff}, {@link agent.core.loop.BackendRetry}
 * (retries of one backend call) and {@link agent.core.loop.BackendHealth} (the outage log lines), and the
 * {@link agent.core.loop.ServiceClock} waits run on. The command loop ({@code agent.core.service}) and the
 * log shipper ({@code agent.core.logship}) both use these; neither imports the other's package for them.
 */
package agent.core.loop;
