package agent.devbackend.api;

import agent.devbackend.http.Exchange;
import agent.devbackend.store.DeviceStore;
import agent.devbackend.store.DeviceStore.Enrollment;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code POST /enroll}: a one-time code for a device identity and an API key. No API key needed. */
public final class EnrollHandler {
  private final DeviceStore devices;

  public EnrollHandler(DeviceStore devices) {
    this.devices = devices;
  }

  public void enroll(Exchange exchange) throws IOException {
    JsonNode body = exchange.readJson();
    Enrollment e =
        devices.enroll(body.path("code").asText(null), body.path("request_id").asText(null), body);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("customer_id", e.device().customerId());
    answer.put("device_id", e.device().deviceId());
    answer.put("api_key", e.apiKey());
    answer.put("enrolled", e.device().enrolled());
    exchange.json(e.created() ? 201 : 200, answer);
  }
}
