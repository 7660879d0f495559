package agent.devbackend.api;

import agent.devbackend.http.Exchange;
import agent.devbackend.store.DeviceStore;
import agent.devbackend.store.DeviceStore.Device;
import agent.devbackend.store.Ids;
import java.io.IOException;
import java.util.Map;

/** {@code POST /heartbeat}: records that a device is alive and what it runs. */
public final class HeartbeatHandler {
  private final ApiAuth auth;
  private final DeviceStore devices;

  public HeartbeatHandler(ApiAuth auth, DeviceStore devices) {
    this.auth = auth;
    this.devices = devices;
  }

  public void heartbeat(Exchange exchange) throws IOException {
    Device device = auth.device(exchange);
    devices.recordHeartbeat(device.deviceId(), exchange.readJson());
    exchange.json(200, Map.of("server_time", Ids.now()));
  }
}
