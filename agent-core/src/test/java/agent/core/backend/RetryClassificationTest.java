package agent.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class RetryClassificationTest {
  @Test
  void serverTroubleAndRateLimitsAreRetryableClientErrorsAreNot() {
    for (int status : new int[] {408, 429, 500, 502, 503, 504}) {
      assertTrue(RetryClassification.retryable(status), "status " + status);
    }
    for (int status : new int[] {400, 401, 403, 404, 409, 410, 413, 422, 501, 505}) {
      assertFalse(RetryClassification.retryable(status), "status " + status);
    }
  }

  @Test
  void networkErrorsAreRetryableAnUntrustedCertificateIsNot() {
    assertTrue(RetryClassification.retryable(new ConnectException("Connection refused")));
    assertTrue(RetryClassification.retryable(new SocketTimeoutException("timeout")));
    assertTrue(RetryClassification.retryable(new UnknownHostException("backend.example.com")));
    SSLHandshakeException untrusted = new SSLHandshakeException("PKIX path validation failed");
    untrusted.initCause(new CertPathValidatorException("unknown CA"));
    assertFalse(RetryClassification.retryable(untrusted));
    assertTrue(RetryClassification.retryable(new IOException("unexpected end of stream")));
  }

  @Test
  void retryAfterIsSecondsOrAnHttpDate() {
    Instant now = Instant.parse("2026-11-22T10:30:00Z");
    assertEquals(Duration.ofSeconds(7), RetryClassification.retryAfter("7", now));
    assertEquals(Duration.ofSeconds(90), RetryClassification.retryAfter("Sun, 22 Nov 2026 10:31:30 GMT", now));
    assertEquals(Duration.ZERO, RetryClassification.retryAfter("Sun, 22 Nov 2026 10:00:00 GMT", now), "a past date means now");
    assertEquals(Duration.ZERO, RetryClassification.retryAfter("-5", now));
    assertNull(RetryClassification.retryAfter(null, now));
    assertNull(RetryClassification.retryAfter("soon", now));
  }
}
