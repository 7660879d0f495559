package agent.rpcdef.internal.grpc;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.Config;
import agent.rpcdef.ExportCancelledException;
import agent.rpcdef.ExportContext;
import agent.rpcdef.Integration;
import agent.rpcdef.PluginLogger;
import agent.rpcdef.ValidationResult;
import agent.rpcdef.fixtures.ExportOnly;
import agent.rpcdef.http.ApiClient;
import agent.rpcdef.testing.RecordingAgent;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A cancel of the Export call (here: its deadline) reaches the integration's waits at once: no
 * integration blocks past a cancel in {@code ctx.sleep} or {@code ctx.awaitCancel}.
 */
class CancelTest {

  /** Waits an hour, the way an integration would wait out a long rate limit. */
  static final class Sleeper extends ExportOnly {
    final CountDownLatch ended = new CountDownLatch(1);
    final AtomicReference<Object> outcome = new AtomicReference<>();
    final boolean viaAwait;

    Sleeper(boolean viaAwait) {
      this.viaAwait = viaAwait;
    }

    @Override
    public void export(ExportContext ctx) {
      try {
        if (viaAwait) {
          outcome.set(ctx.awaitCancel(Duration.ofHours(1)));
          outcome.set(List.of(outcome.get(), ctx.isCancelled()));
        } else {
          ctx.sleep(Duration.ofHours(1));
          outcome.set("slept an hour");
        }
      } catch (ExportCancelledException e) {
        outcome.set(e);
      } finally {
        ended.countDown();
      }
    }
  }

  private static void exportUntilDeadline(Integration it) throws Exception {
    String name = "cancel-" + UUID.randomUUID();
    Server server = InProcessServerBuilder.forName(name)
        .addService(new IntegrationService(it, address -> new RecordingAgent("mock"), () -> {}, PluginLogger.stderr()))
        .build()
        .start();
    ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
    try {
      IntegrationClient client = new IntegrationClient(channel);
      client.init("agent", "mock", "mock", "c", "test", Duration.ofSeconds(10));
      PluginCallException e = assertThrows(PluginCallException.class,
          () -> client.export("{}".getBytes(), false, "e1", Duration.ofMillis(300)));
      assertEquals(PluginCallException.Kind.DEADLINE, e.kind());
    } finally {
      channel.shutdownNow();
      server.shutdownNow();
    }
  }

  @Test
  void aCancelEndsASleepWithExportCancelled() throws Exception {
    Sleeper it = new Sleeper(false);
    exportUntilDeadline(it);
    // Generous bound for a loaded machine; without the cancel the sleep lasts an hour.
    assertTrue(it.ended.await(30, TimeUnit.SECONDS), "the integration still sleeps after the cancel");
    assertTrue(it.outcome.get() instanceof ExportCancelledException, String.valueOf(it.outcome.get()));
  }

  @Test
  void aCancelEndsAwaitCancelWithTrue() throws Exception {
    Sleeper it = new Sleeper(true);
    exportUntilDeadline(it);
    assertTrue(it.ended.await(30, TimeUnit.SECONDS), "the integration still waits after the cancel");
    assertEquals(List.of(true, true), it.outcome.get());
  }

  /** Validates by asking an API that rate-limits it for an hour, with a client built outside any export. */
  static final class PatientValidator extends ExportOnly {
    final CountDownLatch ended = new CountDownLatch(1);
    final AtomicReference<Object> outcome = new AtomicReference<>();
    final String url;

    PatientValidator(String url) {
      this.url = url;
    }

    @Override
    public void export(ExportContext ctx) {}

    @Override
    public ValidationResult validate(Config config) {
      try {
        ApiClient.builder().baseUrl(url).build().get("/user");
        outcome.set("answered");
      } catch (RuntimeException e) {
        outcome.set(e);
      } finally {
        ended.countDown();
      }
      return ValidationResult.ok("");
    }
  }

  @Test
  void theHostsDeadlineEndsAValidateThatWaitsOutARateLimit() throws Exception {
    WireMockServer api = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    api.start();
    api.stubFor(get("/user").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
    PatientValidator it = new PatientValidator("http://127.0.0.1:" + api.port());
    String name = "cancel-" + UUID.randomUUID();
    Server server = InProcessServerBuilder.forName(name)
        .addService(new IntegrationService(it, address -> new RecordingAgent("mock"), () -> {}, PluginLogger.stderr()))
        .build()
        .start();
    ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
    try {
      IntegrationClient client = new IntegrationClient(channel);
      PluginCallException e = assertThrows(PluginCallException.class,
          () -> client.validate("{}".getBytes(), Duration.ofMillis(500)));
      assertEquals(PluginCallException.Kind.DEADLINE, e.kind());
      assertTrue(it.ended.await(30, TimeUnit.SECONDS), "validate still waits out the hour after the host gave up");
      assertTrue(it.outcome.get() instanceof ExportCancelledException, String.valueOf(it.outcome.get()));
    } finally {
      channel.shutdownNow();
      server.shutdownNow();
      api.stop();
    }
  }
}
