package agent.cmd.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent config's proxy reaches the plugins' HTTP clients; a bad CA file is bad input. */
class NetworkIT {
  static final Duration TIMEOUT = Duration.ofMinutes(1);
  @TempDir Path tmp;
  WireMockServer proxy;

  @BeforeEach
  void start() {
    proxy = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort().enableBrowserProxying(true));
    proxy.start();
  }

  @AfterEach
  void stop() {
    proxy.stop();
  }

  @Test
  void thePluginsHttpGoesThroughTheAgentsProxy() throws Exception {
    // The host name does not resolve: only the proxy can answer for it.
    proxy.stubFor(get(urlEqualTo("/acme/api.git/info/refs?service=git-upload-pack")).withHost(equalTo("git.corp.invalid"))
        .willReturn(aResponse().withStatus(200)));
    Dist.Result r = Dist.run(TIMEOUT, "validate-config", "--pinpoint-root=" + tmp,
        "--agent-config-json", "{\"proxy\":\"http://127.0.0.1:" + proxy.port() + "\"}",
        "--integrations-json", "[{\"name\":\"git\",\"config\":{\"repos\":[\"http://git.corp.invalid/acme/api.git\"]}}]");
    assertEquals(0, r.exit(), r.all());
    proxy.verify(getRequestedFor(urlEqualTo("/acme/api.git/info/refs?service=git-upload-pack")).withHost(equalTo("git.corp.invalid")));
  }

  @Test
  void anUnreadableCaFileIsRejectedBeforeAnythingRuns() throws Exception {
    Path junk = Files.writeString(tmp.resolve("corp-ca.pem"), "not a certificate");
    Dist.Result r = Dist.run(TIMEOUT, "export", "--pinpoint-root=" + tmp.resolve("root"),
        "--agent-config-json", "{\"ca_file\":\"" + junk + "\"}");
    assertEquals(2, r.exit(), r.all());
    assertTrue(r.stderr().contains("\"ca_file\": cannot read certificates from " + junk), r.all());
  }
}
