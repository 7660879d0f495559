package agent.rpcdef.http;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import agent.rpcdef.testing.FakeClock;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A WireMock server on loopback per test, a virtual clock, and a client builder aimed at both. */
abstract class WireMockSupport {
  WireMockServer server;
  FakeClock clock;
  RequestStats stats;

  @BeforeEach
  void startServer() {
    server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    clock = new FakeClock();
    stats = new RequestStats();
  }

  @AfterEach
  void stopServer() {
    server.stop();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  /** No proxy or CA from the test machine's environment; jitter fixed at its middle. */
  ApiClient.Builder client() {
    return ApiClient.builder().baseUrl(baseUrl()).clock(clock).stats(stats).network(Map.of()).jitter(() -> 0.5);
  }

  long epoch(long secondsFromNow) {
    return clock.now().getEpochSecond() + secondsFromNow;
  }
}
