package agent.core.codestats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.Json;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Licence detection on the SPDX texts themselves, as projects put them in their licence files. */
class LicenseDetectorTest {
  private static String text(String id) throws Exception {
    try (InputStream in = LicenseDetector.class.getResourceAsStream("spdx/" + id + ".json")) {
      return Json.mapper().readTree(in).path("licenseText").asText();
    }
  }

  private static LicenseDetector.License detect(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return LicenseDetector.detect(b, b.length);
  }

  @Test
  void everyKnownTextIsItself() throws Exception {
    for (String id : LicenseDetector.LICENSES) {
      LicenseDetector.License l = detect(text(id).replace("<year>", "2023").replace("<copyright holders>", "Acme"));
      assertEquals(id, l == null ? null : l.spdxId(), id);
      assertTrue(l.confidence() >= 0.95, id + " " + l.confidence());
    }
  }

  @Test
  void aFilledInMitLicence() throws Exception {
    String mit = text("MIT").replace("Copyright (c) <year> <copyright holders>", "Copyright (c) 2023 Ada Lovelace");
    LicenseDetector.License l = detect(mit);
    assertEquals("MIT", l.spdxId());
    System.out.println("MIT example: " + l + " bytes " + mit.getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void closeRelativesAreToldApart() throws Exception {
    assertEquals("BSD-2-Clause", detect(text("BSD-2-Clause")).spdxId());
    assertEquals("BSD-3-Clause", detect(text("BSD-3-Clause")).spdxId());
    assertEquals("AGPL-3.0-only", detect(text("AGPL-3.0-only")).spdxId());
    assertEquals("GPL-3.0-only", detect(text("GPL-3.0-only")).spdxId());
    assertEquals("MIT-0", detect(text("MIT-0")).spdxId());
  }

  @Test
  void anSpdxTagAndNoLicence() {
    assertEquals(new LicenseDetector.License("Apache-2.0", 1.0), detect("SPDX-License-Identifier: Apache-2.0\n"));
    assertNull(detect("This project is proprietary. All rights reserved.\n"));
    assertNull(detect(""));
  }

  @Test
  void licenceFileNames() {
    for (String n : new String[] {"LICENSE", "LICENSE.md", "license.txt", "LICENCE", "COPYING", "COPYING.LESSER",
        "UNLICENSE", "LICENSE-MIT", "LICENSE_APACHE.txt", "MIT-LICENSE"}) {
      assertTrue(LicenseDetector.isLicenseFile(n), n);
    }
    for (String n : new String[] {"license.go", "LicenseDetector.java", "licenses.json", "README.md"}) {
      assertTrue(!LicenseDetector.isLicenseFile(n), n);
    }
  }
}
