package agent.core.codestats;

import agent.rpcdef.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The licence of a licence file ({@code LICENSE}, {@code COPYING}, {@code LICENSE-MIT.txt}, ...): an
 * SPDX identifier and a confidence. A file that names its licence with an {@code
 * SPDX-License-Identifier:} line is that licence, confidence 1. Otherwise its text is compared with
 * the texts of the {@link #LICENSES} most common on GitHub, from the SPDX licence list (packed into
 * this module at build time from the SPDX Java library's copy of the list): both are reduced to
 * their sets of words (lower case, lines that start with a copyright notice dropped) and compared with the Sørensen-Dice
 * coefficient, {@code 2|A∩B| / (|A|+|B|)}. The best match at {@link #MIN_CONFIDENCE} or more wins.
 *
 * <p>The GPL family's texts do not say "only" or "or later" (a file's notice does): a GPL text is
 * reported as the {@code -only} identifier. Thread-safe; the texts are read on first use.
 */
public final class LicenseDetector {
  /** The licences compared, by SPDX identifier; each is a resource {@code spdx/<id>.json}. */
  public static final List<String> LICENSES = List.of("MIT", "Apache-2.0", "GPL-2.0-only", "GPL-3.0-only",
      "LGPL-2.1-only", "LGPL-3.0-only", "AGPL-3.0-only", "BSD-2-Clause", "BSD-3-Clause", "BSD-3-Clause-Clear",
      "BSD-4-Clause", "0BSD", "ISC", "MPL-2.0", "Unlicense", "CC0-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "EPL-1.0",
      "EPL-2.0", "BSL-1.0", "Zlib", "WTFPL", "Artistic-2.0", "MIT-0", "ECL-2.0", "OFL-1.1", "EUPL-1.2", "MS-PL",
      "MS-RL", "NCSA", "PostgreSQL", "UPL-1.0", "BlueOak-1.0.0");

  /** Below this similarity a text is no licence the detector knows. */
  public static final double MIN_CONFIDENCE = 0.85;

  /** LICENSE, LICENCE-MIT, COPYING.LESSER, UNLICENSE, MIT-LICENSE.txt; never a source file (license.go). */
  private static final Pattern FILE_NAME = Pattern.compile("(?i)(?:(?:(?:un)?licen[cs]e|copying)(?:[-_][A-Za-z0-9\\-]+)?"
      + "|[A-Za-z0-9\\-]+[-_]licen[cs]e)(?:\\.(?:txt|md|markdown|rst|html|adoc|org|text|lesser|mit|apache|bsd|gpl))?");
  private static final Pattern SPDX_TAG = Pattern.compile("SPDX-License-Identifier:\\s*([A-Za-z0-9.+\\-]+)");
  private static final Pattern COPYRIGHT_LINE = Pattern.compile("(?im)^\\s*(?:copyright\\b|\\(c\\)|©).*$");
  private static final Pattern NON_WORD = Pattern.compile("[^a-z0-9]+");

  /**
   * A detected licence.
   *
   * @param spdxId the SPDX identifier
   * @param confidence how similar the text is, 0 to 1
   */
  public record License(String spdxId, double confidence) {}

  private record Known(String id, Set<String> words) {}

  private static final class Texts {
    static final List<Known> KNOWN = load();
  }

  private LicenseDetector() {}

  /** True when a file of this name (no folder) is a licence file. */
  public static boolean isLicenseFile(String name) {
    return FILE_NAME.matcher(name).matches();
  }

  /** The licence of the text {@code c[0, length)}, or null when it is no known licence. */
  public static License detect(byte[] c, int length) {
    String text = new String(c, 0, length, StandardCharsets.UTF_8);
    Matcher tag = SPDX_TAG.matcher(text);
    if (tag.find()) {
      return new License(tag.group(1), 1.0);
    }
    Set<String> words = words(text);
    if (words.isEmpty()) {
      return null;
    }
    Known best = null;
    double bestScore = 0;
    for (Known k : Texts.KNOWN) {
      double s = dice(words, k.words());
      if (s > bestScore) {
        bestScore = s;
        best = k;
      }
    }
    if (best == null || bestScore < MIN_CONFIDENCE) {
      return null;
    }
    // Three decimals: the same text gives the same value on every JVM.
    return new License(best.id(), Math.round(bestScore * 1000) / 1000.0);
  }

  static double dice(Set<String> a, Set<String> b) {
    Set<String> small = a.size() <= b.size() ? a : b;
    Set<String> large = small == a ? b : a;
    int common = 0;
    for (String w : small) {
      if (large.contains(w)) {
        common++;
      }
    }
    return 2.0 * common / (a.size() + b.size());
  }

  static Set<String> words(String text) {
    String t = COPYRIGHT_LINE.matcher(text).replaceAll(" ").toLowerCase(Locale.ROOT);
    Set<String> out = new HashSet<>();
    for (String w : NON_WORD.split(t)) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  private static List<Known> load() {
    List<Known> out = new ArrayList<>();
    for (String id : LICENSES) {
      try (InputStream in = LicenseDetector.class.getResourceAsStream("spdx/" + id + ".json")) {
        if (in == null) {
          throw new IllegalStateException("the SPDX text of " + id + " is missing from the class path");
        }
        JsonNode n = Json.mapper().readTree(in);
        out.add(new Known(id, words(n.path("licenseText").asText())));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.copyOf(out);
  }
}
