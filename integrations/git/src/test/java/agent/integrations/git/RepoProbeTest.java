package agent.integrations.git;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.Config;
import agent.rpcdef.Json;
import agent.rpcdef.ValidationResult;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reachability checks against real folders and a git smart-HTTP server faked on loopback. */
class RepoProbeTest {
  private WireMockServer server;

  @BeforeEach
  void start() {
    server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private ValidationResult validate(String json) throws Exception {
    return new GitIntegration().validate(Config.of(Json.mapper().readTree(json)));
  }

  @Test
  void localFolders(@TempDir Path tmp) throws Exception {
    Path work = Files.createDirectories(tmp.resolve("work/.git"));
    Path bare = tmp.resolve("bare.git");
    Files.createDirectories(bare.resolve("objects"));
    Files.writeString(bare.resolve("HEAD"), "ref: refs/heads/main\n");
    Path plain = Files.createDirectories(tmp.resolve("plain"));
    assertNull(RepoProbe.checkFolder(work.getParent()));
    assertNull(RepoProbe.checkFolder(bare));
    assertTrue(RepoProbe.checkFolder(plain).contains("is not a git repository"));
    assertTrue(RepoProbe.checkFolder(tmp.resolve("missing")).contains("does not exist"));
  }

  @Test
  void httpRepositoryAnswersDiscoveryWithCredentials() throws Exception {
    server.stubFor(get(urlEqualTo("/acme/api.git/info/refs?service=git-upload-pack"))
        .withBasicAuth("me", "s3cret").willReturn(aResponse().withStatus(200)));
    ValidationResult r = validate("{\"repos\":[\"" + server.baseUrl() + "/acme/api.git\"],\"username\":\"me\",\"password\":\"s3cret\"}");
    assertTrue(r.success(), r.errors().toString());
    server.verify(getRequestedFor(urlEqualTo("/acme/api.git/info/refs?service=git-upload-pack"))
        .withHeader("Authorization", equalTo("Basic bWU6czNjcmV0")));
  }

  @Test
  void rejectedCredentialsAndMissingRepositoriesAreExplained() throws Exception {
    server.stubFor(get(urlEqualTo("/acme/private.git/info/refs?service=git-upload-pack")).willReturn(aResponse().withStatus(401)));
    server.stubFor(get(urlEqualTo("/acme/gone.git/info/refs?service=git-upload-pack")).willReturn(aResponse().withStatus(404)));
    ValidationResult r = validate("{\"repos\":[\"" + server.baseUrl() + "/acme/private.git\",\"" + server.baseUrl() + "/acme/gone.git\"]}");
    assertTrue(!r.success());
    assertEquals(2, r.errors().size(), r.errors().toString());
    assertTrue(r.errors().get(0).contains("401") && r.errors().get(0).contains("credentials were missing"), r.errors().get(0));
    assertTrue(r.errors().get(1).contains("404"), r.errors().get(1));
  }

  @Test
  void unreachableHostIsReportedNotThrown() throws Exception {
    int port = server.port();
    server.stop();
    ValidationResult r = validate("{\"repos\":[\"http://127.0.0.1:" + port + "/a/b.git\"]}");
    assertTrue(!r.success());
    assertTrue(r.errors().get(0).contains("cannot be reached"), r.errors().get(0));
  }
}
