package agent.devbackend.api;

import agent.devbackend.http.ApiException;
import agent.devbackend.http.Exchange;
import agent.devbackend.store.DeviceStore;
import agent.devbackend.store.DeviceStore.Device;

/** Authenticates an API request by its {@code Authorization: Bearer <api key>} header. */
public final class ApiAuth {
  private final DeviceStore devices;

  public ApiAuth(DeviceStore devices) {
    this.devices = devices;
  }

  /**
   * The device whose API key the request carries.
   *
   * @throws ApiException 401 {@code unauthorized} without a header or with an unknown key
   */
  public Device device(Exchange exchange) {
    String key = bearer(exchange.header("Authorization"));
    Device device = key == null ? null : devices.byApiKey(key);
    if (device == null) {
      throw new ApiException(
          401,
          "unauthorized",
          key == null ? "Authorization: Bearer <api key> is required" : "unknown or revoked API key");
    }
    return device;
  }

  /** The token of an {@code Authorization: Bearer <token>} header; null when absent or malformed. */
  public static String bearer(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = header.substring(7).trim();
    // A key never holds anything but [A-Za-z0-9_]: refuse the rest before it becomes a file name.
    return token.matches("[A-Za-z0-9_.-]{1,256}") ? token : null;
  }
}
