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
import agent.rpcdef.PluginLogger;
import agent.rpcdef.ValidationResult;
import agent.rpcdef.fixtures.ExportOnly;
import agent.rpcdef.http.ApiClient;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A cancel of a call (here: its deadline) reaches the integration's waits at once: no integration
 * blocks past a cancel, in {@code ctx.sleep}, {@code ctx.awaitCancel}, or an HTTP client's
 * rate-limit wait in {@code validate}, which has no export context.
 */
class CancelTest {
  private static final Duration DEADLINE = Duration.ofMillis(400);

  /** An integration that waits an hour in one of its calls, and records how the wait ended. */
  abstract static class Waiter extends ExportOnly {
    final CountDownLatch ended = new CountDownLatch(1);
    final AtomicReference<Object> outcome = new AtomicReference<>();

    void record(Supplier<Object> wait) {
      try {
        outcome.set(wait.get());
      } catch (RuntimeException e) {
        outcome.set(e);
      } finally {
        ended.countDown();
      }
    }
  }

  /** A call into the plugin, through the host-side client. */
  interface Call {
    void on(IntegrationClient client);
  }

  /** Makes {@code call}, which the deadline must end, and returns how the integration's wait ended. */
  private static Object outcomeAfterTheDeadline(Waiter it, Call call) throws Exception {
    try (InProcessPlugin plugin = new InProcessPlugin(it, PluginLogger.stderr())) {
      PluginCallException e = assertThrows(PluginCallException.class, () -> call.on(plugin.client));
      assertEquals(PluginCallException.Kind.DEADLINE, e.kind());
      // Generous for a loaded machine: without the cancel the wait lasts an hour.
      assertTrue(it.ended.await(30, TimeUnit.SECONDS), "the integration still waits after the host gave up");
      return it.outcome.get();
    }
  }

  private static Object exportUntilTheDeadline(Waiter it) throws Exception {
    return outcomeAfterTheDeadline(it, c -> c.export("{}".getBytes(), false, "e1", DEADLINE));
  }

  @Test
  void aCancelEndsASleepWithExportCancelled() throws Exception {
    Waiter it = new Waiter() {
      @Override
      public void export(ExportContext ctx) {
        record(() -> {
          ctx.sleep(Duration.ofHours(1));
          return "slept an hour";
        });
      }
    };
    Object outcome = exportUntilTheDeadline(it);
    assertTrue(outcome instanceof ExportCancelledException, String.valueOf(outcome));
  }

  @Test
  void aCancelEndsAwaitCancelWithTrue() throws Exception {
    Waiter it = new Waiter() {
      @Override
      public void export(ExportContext ctx) {
        record(() -> List.of(ctx.awaitCancel(Duration.ofHours(1)), ctx.isCancelled()));
      }
    };
    assertEquals(List.of(true, true), exportUntilTheDeadline(it));
  }

  @Test
  void theHostsDeadlineEndsAValidateThatWaitsOutARateLimit() throws Exception {
    WireMockServer api = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    api.start();
    try {
      api.stubFor(get("/user").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
      String url = "http://127.0.0.1:" + api.port();
      Waiter it = new Waiter() {
        @Override
        public void export(ExportContext ctx) {}

        @Override
        public ValidationResult validate(Config config) {
          // A client built outside any export: the call's clock is its default.
          record(() -> ApiClient.builder().baseUrl(url).build().get("/user"));
          return ValidationResult.ok("");
        }
      };
      Object outcome = outcomeAfterTheDeadline(it, c -> c.validate("{}".getBytes(), DEADLINE));
      assertTrue(outcome instanceof ExportCancelledException, String.valueOf(outcome));
    } finally {
      api.stop();
    }
  }
}
