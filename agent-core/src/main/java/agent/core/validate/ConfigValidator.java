package agent.core.validate;

import agent.core.log.Redactor;
import agent.core.plugin.IntegrationEntry;
import agent.core.plugin.PluginLauncher;
import agent.core.plugin.PluginStartException;
import agent.rpcdef.ValidationResult;
import agent.rpcdef.internal.grpc.PluginCallException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Validates integration configs: starts each plugin, calls ValidateConfig, stops it. Integrations
 * are validated in parallel; a plugin that fails to start is a failed validation, not an error.
 */
public final class ConfigValidator {
  private final PluginLauncher launcher;
  private final Duration timeout;

  public ConfigValidator(PluginLauncher launcher, Duration timeout) {
    this.launcher = launcher;
    this.timeout = timeout;
  }

  public List<ValidationReport> validate(List<IntegrationEntry> entries) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, entries.size()));
    try {
      List<Future<ValidationReport>> futures = new ArrayList<>();
      for (IntegrationEntry e : entries) {
        Redactor.global().addSecretsOf(e.config());
        futures.add(pool.submit(() -> validateOne(e)));
      }
      List<ValidationReport> out = new ArrayList<>();
      for (Future<ValidationReport> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("validation interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("bug: validation threw instead of reporting", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private ValidationReport validateOne(IntegrationEntry e) {
    long t0 = System.nanoTime();
    try (PluginLauncher.RunningPlugin p = launcher.launch(e, new NoExportAgent("validate-config"))) {
      try {
        ValidationResult r = p.client().validate(e.configJson(), timeout);
        return new ValidationReport(e.id(), e.name(), r.success(), r.errors(), r.account(), ms(t0));
      } catch (PluginCallException x) {
        return new ValidationReport(e.id(), e.name(), false, List.of(p.explain(x)), "", ms(t0));
      }
    } catch (PluginStartException x) {
      return new ValidationReport(e.id(), e.name(), false, List.of(x.getMessage()), "", ms(t0));
    }
  }

  private static long ms(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }
}
