package agent.rpcdef.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a terminal answer into the exception that says what kind of failure it is, with a sentence
 * for the operator. Messages are built from the redacted URL and then redacted again, since the
 * server's own error text may echo a secret back.
 */
final class Failures {
  private static final Map<Integer, String> REASONS = Map.ofEntries(
      Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
      Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(407, "Proxy Authentication Required"),
      Map.entry(408, "Request Timeout"), Map.entry(409, "Conflict"), Map.entry(410, "Gone"),
      Map.entry(413, "Content Too Large"), Map.entry(422, "Unprocessable Entity"), Map.entry(429, "Too Many Requests"),
      Map.entry(500, "Internal Server Error"), Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"),
      Map.entry(504, "Gateway Timeout"));
  private static final int MAX_SERVER_MESSAGE = 300;

  private Failures() {}

  /** "401 Unauthorized", or the bare number for a status without a known phrase. */
  static String statusLine(int status) {
    String reason = REASONS.get(status);
    return reason == null ? String.valueOf(status) : status + " " + reason;
  }

  /** The exception for a terminal 4xx (or a 5xx after retries, with {@code gaveUp} saying how). */
  static HttpException forStatus(Redactor r, String method, String url, int status, byte[] body, String credentialsHint,
      String gaveUp) {
    String head = method + " " + url + " answered " + statusLine(status);
    String server = r.redact(serverMessage(body));
    String detail = server.isEmpty() ? "" : ": " + server;
    return switch (status) {
      case 401 -> new CredentialsException(r.redact(head + ": the credentials were rejected; check " + credentialsHint
          + " and its scopes"), status, method, url);
      case 403 -> new CredentialsException(r.redact(head + ": the credentials lack a permission or scope for this; check "
          + credentialsHint + " and its scopes" + (server.isEmpty() ? "" : " (" + server + ")")), status, method, url);
      case 404, 410 -> new NotFoundException(r.redact(head + ": it is gone, or the credentials may not see it"),
          status, method, url);
      case 400, 422 -> new BadRequestException(r.redact(head + detail
          + " (the request was malformed: a bug in the integration or a change in the API)"), status, method, url, server);
      case 407 -> new HttpException(r.redact(head + ": the proxy refused its credentials; check the user and password"
          + " in HTTPS_PROXY"), status, method, url);
      default -> new HttpException(r.redact(head + detail + (gaveUp == null ? "" : "; " + gaveUp)), status, method, url);
    };
  }

  /** "gave up after 5 attempts in 1m 3s". */
  static String gaveUp(int attempts, Duration elapsed) {
    return "gave up after " + attempts + (attempts == 1 ? " attempt" : " attempts") + " in " + human(elapsed);
  }

  static String human(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m " + (s % 60) + "s";
    }
    return (s / 3600) + "h " + (s % 3600 / 60) + "m";
  }

  /**
   * The error text of a vendor's error body: GitHub's {@code message}, GitLab's {@code message} or
   * {@code error} (a string, a list or an object of lists), Jira's {@code errorMessages} and {@code
   * errors}; else the start of a text body; empty when there is none.
   */
  static String serverMessage(byte[] body) {
    if (body == null || body.length == 0) {
      return "";
    }
    String text = new String(body, StandardCharsets.UTF_8).trim();
    try {
      JsonNode j = ApiRequest.JSON.readTree(text);
      if (j != null && j.isObject()) {
        List<String> parts = new ArrayList<>();
        for (String field : List.of("message", "error", "error_description", "errorMessages", "errors")) {
          collect(j.get(field), field, parts);
        }
        if (!parts.isEmpty()) {
          return cut(String.join("; ", parts));
        }
      }
    } catch (java.io.IOException e) {
      // Not JSON: fall through to the text itself.
    }
    return text.startsWith("<") ? "" : cut(text.replaceAll("\\s+", " "));
  }

  private static void collect(JsonNode n, String field, List<String> out) {
    if (n == null || n.isNull()) {
      return;
    }
    if (n.isTextual()) {
      if (!n.asText().isBlank()) {
        out.add(n.asText());
      }
    } else if (n.isArray()) {
      for (JsonNode e : n) {
        if (e.isObject() && e.has("message")) {
          out.add(e.get("message").asText()); // GitHub's errors: [{resource, field, code, message}]
        } else if (e.isObject() && e.has("code")) {
          out.add(e.path("field").asText("") + " " + e.get("code").asText());
        } else {
          collect(e, field, out);
        }
      }
    } else if (n.isObject()) {
      n.properties().forEach(e -> out.add(e.getKey() + ": " + (e.getValue().isTextual()
          ? e.getValue().asText() : e.getValue().toString())));
    } else if (!field.equals("errors")) {
      out.add(n.asText());
    }
  }

  /** "timed out: Read timed out", "ConnectException: Connection refused". */
  static String describe(java.io.IOException e) {
    String m = e.getMessage();
    String kind = e instanceof java.net.SocketTimeoutException ? "timed out" : e.getClass().getSimpleName();
    return m == null || m.isBlank() ? kind : kind + ": " + m;
  }

  /** True when TLS failed on the certificate: retrying cannot help, a CA file might. */
  static boolean isCertificateFailure(java.io.IOException e) {
    if (e instanceof javax.net.ssl.SSLPeerUnverifiedException) {
      return true;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.security.cert.CertificateException
          || t instanceof java.security.cert.CertPathValidatorException
          || (t instanceof javax.net.ssl.SSLHandshakeException && String.valueOf(t.getMessage()).contains("PKIX"))) {
        return true;
      }
    }
    return e instanceof javax.net.ssl.SSLException && String.valueOf(e.getMessage()).contains("certificate");
  }

  private static String cut(String s) {
    return s.length() <= MAX_SERVER_MESSAGE ? s : s.substring(0, MAX_SERVER_MESSAGE) + "...";
  }
}
