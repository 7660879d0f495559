package agent.core.ops;

import agent.core.log.Redactor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text bound for outside the machine (a diagnostics bundle), in every form a log line or
 * a file may hold them: as they are, JSON-escaped, URL-encoded, and base64 (an HTTP Basic header), and
 * whatever follows a secret-looking JSON key or sits in a URL's {@code user:password@}, known or not.
 */
public final class SecretScrubber {
  static final int MIN_LENGTH = 4;
  private static final Pattern JSON_SECRET = Pattern.compile(
      "(\"[^\"]*(?i:token|password|passwd|secret|api_?key|private_?key|credential|authorization)[^\"]*\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern USERINFO = Pattern.compile("(://[^/@\\s:\"']+):([^/@\\s\"']+)@");
  private static final Pattern BEARER = Pattern.compile("(?i)\\b(Bearer|Basic)\\s+[A-Za-z0-9._~+/=-]{8,}");

  private final List<String> forms;

  /**
   * @param secrets values to mask wherever they appear
   * @param pairs {@code user:password} pairs, also masked in base64 (HTTP Basic)
   */
  public SecretScrubber(Collection<String> secrets, Collection<String> pairs) {
    Set<String> f = new LinkedHashSet<>();
    List<String> all = new ArrayList<>(secrets);
    all.addAll(pairs);
    for (String s : all) {
      if (s == null || s.length() < MIN_LENGTH) {
        continue;
      }
      f.add(s);
      f.add(jsonEscaped(s));
      f.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
      f.add(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
      f.add(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
      f.add(Base64.getEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
      f.add(Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
    }
    f.removeIf(x -> x.length() < MIN_LENGTH);
    // Longest first: a form that contains another is masked whole.
    this.forms = f.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
  }

  public String scrub(String text) {
    String out = text;
    for (String f : forms) {
      if (out.contains(f)) {
        out = out.replace(f, Redactor.MASK);
      }
    }
    out = JSON_SECRET.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "\"" + Redactor.MASK + "\""));
    out = USERINFO.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + ":" + Redactor.MASK + "@"));
    return BEARER.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + " " + Redactor.MASK));
  }

  static String jsonEscaped(String s) {
    try {
      String q = agent.rpcdef.Json.mapper().writeValueAsString(s);
      return q.substring(1, q.length() - 1);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return s;
    }
  }
}
