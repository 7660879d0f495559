package agent.cmd;

import agent.core.backend.BackendClient;
import agent.core.backend.BackendException;
import agent.core.backend.BackendHttp;
import agent.core.config.AgentConfig;
import agent.core.config.CustomerIds;
import agent.core.config.Enrollment;
import agent.core.config.InputException;
import agent.core.enroll.Enroller;
import agent.core.net.HostNetwork;
import agent.core.service.ServicePlan;
import agent.core.service.ServicePlanRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agent enroll <CODE>}: registers this agent with its backend, then installs or runs it. */
@Command(name = "enroll", mixinStandardHelpOptions = true,
    description = {
        "Registers this agent with its backend, then installs it as a service.",
        "",
        "Exchanges a one-time enrollment CODE for this device's identity and writes it",
        "to <pinpoint-root>/config.json (mode 0600: it holds the device's API key).",
        "Then, by --run-type:",
        "  install      install and start the OS service ('agent service install')",
        "  foreground   print the command that runs the agent in the foreground",
        "  enroll-only  stop there",
        "An agent enrolls once; --force enrolls it again (with a new code).",
        "",
        "Exit codes: 0 enrolled; 1 the backend refused; 2 bad input, an unknown or",
        "used code, or already enrolled; 3 the backend cannot be reached, or the",
        "service cannot be installed (config.json is kept: run 'agent service install')."})
final class EnrollCommand implements Callable<Integer> {
  static final List<String> CHANNELS = List.of("dev", "stable");
  static final List<String> RUN_TYPES = List.of("install", "foreground", "enroll-only");

  @Parameters(index = "0", paramLabel = "CODE", description = "The enrollment code the backend gave you, e.g. K7QF-29XM-TR4D.")
  String code;

  @Option(names = "--channel", paramLabel = "CHANNEL", defaultValue = "stable",
      description = "dev or stable: which releases this agent follows (default: ${DEFAULT-VALUE}).")
  String channel;

  @Option(names = "--backend-url", paramLabel = "URL", defaultValue = "${env:AGENT_BACKEND_URL}",
      description = "The backend, e.g. https://backend.example.com (default: $AGENT_BACKEND_URL).")
  String backendUrl;

  @Option(names = "--run-type", paramLabel = "TYPE", defaultValue = "install",
      description = "install, foreground or enroll-only (default: ${DEFAULT-VALUE}).")
  String runType;

  @Option(names = "--force", description = "Enroll again even though config.json exists (it is replaced).")
  boolean force;

  @Mixin RootOption root;
  @Mixin AgentConfigOptions agentConfig;
  @Mixin ServiceOptions service;

  // Small values let tests see an unreachable backend fail in a second.
  @Option(names = "--enroll-attempts", hidden = true, defaultValue = "5") int attempts;
  @Option(names = "--enroll-backoff-ms", hidden = true, defaultValue = "1000") long backoffMs;
  @Option(names = "--connect-timeout-ms", hidden = true, defaultValue = "10000") long connectTimeoutMs;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    // Everything that can be checked is checked before the code is spent.
    URI backend = backendUri(backendUrl);
    if (!CHANNELS.contains(channel)) {
      throw new InputException("--channel must be dev or stable, got \"" + channel + "\"");
    }
    if (!RUN_TYPES.contains(runType)) {
      throw new InputException("--run-type must be install, foreground or enroll-only, got \"" + runType + "\"");
    }
    if (code.isBlank()) {
      throw new InputException("the enrollment code is empty");
    }
    if (attempts < 1) {
      throw new InputException("--enroll-attempts must be at least 1");
    }
    Path r = root.path();
    AgentConfig config = agentConfig.config();
    ServicePlan install = runType.equals("install") ? service.installation(r).install() : null;
    PrintWriter out = spec.commandLine().getOut();
    Optional<Enrollment> existing = force ? previous(r) : Enrollment.read(r);
    if (existing.isPresent() && !force) {
      throw new InputException("already enrolled as device " + existing.get().deviceId() + " with " + existing.get().backendUrl()
          + "; to enroll again run: agent enroll <CODE> --force");
    }
    LogSetup.configure("info", "text", true, null);
    HostNetwork.apply(config.proxy(), config.caFile());

    BackendClient client = new BackendClient(
        BackendHttp.client(config.caFile(), Duration.ofMillis(connectTimeoutMs), Duration.ofSeconds(60)), backend, null,
        Version.current());
    Enroller.Policy policy = new Enroller.Policy(attempts, Duration.ofMillis(backoffMs), Duration.ofSeconds(15));
    agent.core.backend.Enrollment got;
    try {
      got = new Enroller(client, policy, d -> Thread.sleep(d.toMillis())).enroll(code.trim(), channel, Version.current());
    } catch (BackendException e) {
      return refused(e, backend);
    }
    if (!CustomerIds.valid(got.customerId())) {
      // It would end up in every exported object: refuse it before anything is written.
      spec.commandLine().getErr().println("agent: " + backend + " answered the enrollment with the customer id \""
          + got.customerId() + "\", which this agent cannot use (1 to 128 letters, digits, '.', '_' or '-', without"
          + " \"..\"); nothing was written. Ask the backend's operator to fix the customer's id, then enroll with a new code.");
      return ExitCodes.FAILED;
    }
    new Enrollment(backend.toString(), got.customerId(), got.deviceId(), got.apiKey(), channel, got.enrolled(),
        config.proxy(), config.caFile() == null ? null : config.caFile().toAbsolutePath().toString()).write(r);
    out.println("Enrolled with " + backend + " as device " + got.deviceId() + " of customer " + got.customerId() + ".");
    out.println("Wrote " + Enrollment.file(r) + " (mode 0600: it holds the device's API key).");
    if (existing.isPresent()) {
      out.println("It replaced the enrollment of device " + existing.get().deviceId() + " with " + existing.get().backendUrl()
          + "; a service already running uses the new one after a restart.");
    }
    switch (runType) {
      case "foreground" -> {
        out.println("Run the agent in the foreground with:");
        out.println("  " + ServiceOptions.foregroundCommand(r));
      }
      case "enroll-only" -> {
        out.println("Install it as a service with: agent service install" + rootOption(r));
        out.println("or run it in the foreground with: " + ServiceOptions.foregroundCommand(r));
      }
      default -> {
        out.flush();
        try {
          new ServicePlanRunner(out, false).install(install);
        } catch (IOException e) {
          spec.commandLine().getErr().println("agent: enrolled, but installing the service failed: " + Main.describe(e)
              + "; once fixed, run: agent service install" + rootOption(r));
          return ExitCodes.ENVIRONMENT;
        }
        out.println("Installed and started the service.");
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** With --force: the enrollment being replaced, if config.json still tells it. */
  private static Optional<Enrollment> previous(Path r) {
    try {
      return Enrollment.read(r);
    } catch (InputException broken) {
      return Optional.empty();
    }
  }

  /** The backend's answer in the operator's words, and the exit code it deserves. */
  private int refused(BackendException e, URI backend) {
    if (e.status() == 404) {
      throw new InputException("the enrollment code was not recognised by " + backend + "; check it or ask for a new one");
    }
    if (e.status() == 410) {
      throw new InputException("the enrollment code was already used to enroll a device at " + backend
          + "; a code enrolls one device once: ask for a new one");
    }
    PrintWriter err = spec.commandLine().getErr();
    if (e.status() == 0 && e.retryable()) {
      err.println("agent: cannot reach " + backend + " after " + attempts + " attempt(s): " + reason(e));
      return ExitCodes.ENVIRONMENT;
    }
    if (e.status() == 0) {
      err.println("agent: the TLS certificate of " + backend + " is not trusted (" + reason(e) + "); if your network has its own"
          + " certificate authority, give it as \"ca_file\" in --agent-config-json or --agent-config-file");
      return ExitCodes.ENVIRONMENT;
    }
    if (e.retryable()) {
      err.println("agent: " + backend + " kept failing after " + attempts + " attempt(s): " + e.getMessage());
      return ExitCodes.ENVIRONMENT;
    }
    err.println("agent: " + backend + " refused the enrollment: " + e.getMessage());
    return ExitCodes.FAILED;
  }

  private static String reason(BackendException e) {
    Throwable c = e.getCause() != null ? e.getCause() : e;
    return c.getMessage() != null ? c.getMessage() : c.toString();
  }

  private static String rootOption(Path r) {
    Path def = Path.of(System.getProperty("user.home"), ".pinpoint", "next").toAbsolutePath().normalize();
    return r.equals(def) ? "" : " --pinpoint-root=" + r;
  }

  /** {@code --backend-url}: http(s) with a host; plain http only to this machine, as the API requires. */
  static URI backendUri(String url) {
    if (url == null || url.isBlank()) {
      throw new InputException("give the backend with --backend-url https://... (or set AGENT_BACKEND_URL)");
    }
    URI u;
    try {
      u = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new InputException("--backend-url is not a URL: " + e.getMessage());
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new InputException("--backend-url must start with https:// (or http:// for a backend on this machine), got \"" + url + "\"");
    }
    if (u.getHost() == null || u.getHost().isEmpty()) {
      throw new InputException("--backend-url has no host: \"" + url + "\"");
    }
    if (u.getQuery() != null || u.getFragment() != null || u.getUserInfo() != null) {
      throw new InputException("--backend-url takes no user, query or fragment: \"" + url + "\"");
    }
    if (scheme.equals("http") && !loopback(u.getHost())) {
      throw new InputException("--backend-url: plain http is only allowed to this machine (127.0.0.1, localhost); use https://"
          + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort()));
    }
    String s = u.toString();
    return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
  }

  private static boolean loopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
  }
}
