package agent.integrations.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import graphql.ExecutionInput;
import graphql.GraphQLError;
import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import graphql.schema.GraphQLSchema;
import graphql.language.FieldDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every query the integration sends is valid against GitHub's published schema, so a renamed or
 * misspelt field fails here rather than at a customer's first export.
 */
class GraphQlSchemaTest {
  /**
   * GitHub's schema as octokit publishes it, beside the checkouts rather than inside them: the working
   * directory is {@code /work/<checkout>/integrations/github}, the schema {@code /work/shared/github}.
   */
  static final Path SCHEMA = Path.of("..", "..", "..", "shared", "github", "schema.graphql");

  private static GraphQLSchema schema;

  @BeforeAll
  static void parseSchemaOnce() throws IOException {
    Assumptions.assumeTrue(Files.isRegularFile(SCHEMA), "GitHub's GraphQL schema is not at "
        + SCHEMA.toAbsolutePath().normalize() + "; this test needs it to validate the integration's queries");
    try (Reader in = Files.newBufferedReader(SCHEMA, StandardCharsets.UTF_8)) {
      TypeDefinitionRegistry types = new SchemaParser().parse(in);
      dropRepeatedFields(types);
      // The file declares its custom scalars and directives; without resolvers nothing is executed, only validated.
      schema = UnExecutableSchemaGenerator.makeUnExecutableSchema(types);
    }
  }

  /**
   * The published file declares some fields twice with the same definition ({@code EnterpriseOwnerInfo.
   * repositoryDeployKeySetting} in the 2026-07 copy), which graphql-java refuses; keep the first.
   */
  private static void dropRepeatedFields(TypeDefinitionRegistry types) {
    for (ObjectTypeDefinition type : List.copyOf(types.getTypes(ObjectTypeDefinition.class))) {
      Map<String, FieldDefinition> unique = new LinkedHashMap<>();
      type.getFieldDefinitions().forEach(f -> unique.putIfAbsent(f.getName(), f));
      if (unique.size() != type.getFieldDefinitions().size()) {
        types.remove(type);
        types.add(type.transform(b -> b.fieldDefinitions(new ArrayList<>(unique.values()))));
      }
    }
  }

  /** The validation errors of {@code query} against GitHub's schema, one message each. */
  static List<String> errors(String query) {
    ParseAndValidateResult result = ParseAndValidate.parseAndValidate(schema,
        ExecutionInput.newExecutionInput(query).variables(Map.of()).build());
    if (result.getSyntaxException() != null) {
      return List.of("syntax: " + result.getSyntaxException().getMessage());
    }
    return result.getValidationErrors().stream().map(GraphQLError::getMessage).collect(Collectors.toList());
  }

  @Test
  void everyQueryOfTheIntegrationIsValidAgainstGitHubsSchema() {
    assertFalse(Queries.all().isEmpty());
    for (String query : Queries.all()) {
      List<String> errors = errors(query);
      assertTrue(errors.isEmpty(), () -> "invalid against GitHub's schema:\n  " + String.join("\n  ", errors)
          + "\nin:\n" + query);
    }
  }

  @Test
  void aFieldGitHubDoesNotHaveIsRejected() {
    String broken = Queries.PULL_REQUESTS.replace("isDraft", "isDraft noSuchField");
    List<String> errors = errors(broken);
    assertEquals(1, errors.size(), errors::toString);
    assertTrue(errors.get(0).contains("noSuchField"), errors::toString);
  }

  @Test
  void twoFieldsOfOneNameWithDifferentNullabilityAreRejected() {
    // What the actor fragment once did with User.email (String!) and Mannequin.email (String).
    String broken = Queries.MORE_COMMENTS.replace("... on Mannequin { databaseId }", "... on Mannequin { databaseId email }");
    assertTrue(!broken.equals(Queries.MORE_COMMENTS), "the fragment this test breaks is still there");
    List<String> errors = errors(broken);
    assertEquals(1, errors.size(), errors::toString);
    assertTrue(errors.get(0).contains("email"), errors::toString);
  }

  @Test
  void anArgumentGitHubDoesNotHaveIsRejected() {
    String broken = Queries.MEMBERS.replace("membersWithRole(first: $first", "membersWithRole(role: ADMIN, first: $first");
    assertFalse(errors(broken).isEmpty());
  }

  @Test
  void aSyntaxErrorIsReported() {
    assertFalse(errors(Queries.MEMBERS.replace("{", "{{")).isEmpty());
  }
}
