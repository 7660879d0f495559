package agent.devbackend.api;

import agent.devbackend.http.Exchange;
import agent.devbackend.store.DeviceStore.Device;
import agent.devbackend.store.LogStore;
import java.io.IOException;
import java.util.Map;

/** {@code POST /logs}: a batch of log lines, stored once per {@code batch_id}. */
public final class LogsHandler {
  private final ApiAuth auth;
  private final LogStore logs;

  public LogsHandler(ApiAuth auth, LogStore logs) {
    this.auth = auth;
    this.logs = logs;
  }

  public void post(Exchange exchange) throws IOException {
    Device device = auth.device(exchange);
    boolean stored = logs.put(device.deviceId(), exchange.readJson());
    exchange.json(stored ? 201 : 200, Map.of("stored", stored));
  }
}
