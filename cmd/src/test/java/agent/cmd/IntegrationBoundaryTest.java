package agent.cmd;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Every integration packaged with the agent uses the SDK's public API only, in its bytecode: the
 * enforcer rule of integrations/pom.xml refuses imports of the internals, and this also catches a
 * fully qualified use that needs no import. (A compile-time constant is inlined and leaves no trace
 * here; the import rule is what catches those.)
 */
class IntegrationBoundaryTest {

  @Test
  void integrationsUseNoInternalOfTheSdk() {
    JavaClasses integrations = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("agent.integrations");
    assertFalse(integrations.isEmpty(), "no integration on the test classpath to check");
    noClasses().that().resideInAPackage("agent.integrations..")
        .should().dependOnClassesThat().resideInAPackage("agent.rpcdef.internal..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("agent.rpcdef.Sessions")
        .because("an integration talks to the host through the SDK's public API (see _docs/architecture.md)")
        .check(integrations);
  }
}
