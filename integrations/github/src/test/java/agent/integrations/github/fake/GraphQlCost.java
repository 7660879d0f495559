package agent.integrations.github.fake;

import graphql.language.Argument;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.parser.Parser;
import java.util.Map;
import java.util.Objects;

/**
 * What a GraphQL query costs against GitHub's primary rate limit, by GitHub's documented rule ("Rate
 * limits and query limits for the GraphQL API", predicting the point value of a query): add up the
 * requests needed to fulfil each connection, assuming every connection returns its {@code first} or
 * {@code last} count, so a connection costs one request per node its enclosing connections can return;
 * divide by 100 and round to the nearest whole number; the minimum is 1.
 *
 * <p>Works on the query alone, without the schema: a field is a connection when it has a {@code first}
 * or {@code last} argument. Also counts nodes as the node limit does (each connection's count times
 * its enclosing connections' counts).
 *
 * @param requests the requests needed to fulfil every connection
 * @param nodes the nodes the query may return at most, for GitHub's limit of 500,000
 */
public record GraphQlCost(long requests, long nodes) {

  /** The points the query costs: requests over 100, rounded, at least 1. */
  public int points() {
    return (int) Math.max(1, Math.round(requests / 100.0));
  }

  /** The cost of the first operation of {@code query} with these variables (those not given are null). */
  public static GraphQlCost of(String query, Map<String, ?> variables) {
    return of(Parser.parse(query), variables);
  }

  public static GraphQlCost of(Document document, Map<String, ?> variables) {
    OperationDefinition operation = document.getDefinitionsOfType(OperationDefinition.class).stream().findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no operation in the document"));
    Walk walk = new Walk(document, variables == null ? Map.of() : variables);
    walk.selections(operation.getSelectionSet(), 1);
    return new GraphQlCost(walk.requests, walk.nodes);
  }

  private static final class Walk {
    final Document document;
    final Map<String, ?> variables;
    long requests;
    long nodes;

    Walk(Document document, Map<String, ?> variables) {
      this.document = document;
      this.variables = variables;
    }

    /** {@code parents}: how many times this selection set is fulfilled, the product of the enclosing counts. */
    void selections(SelectionSet set, long parents) {
      if (set == null) {
        return;
      }
      for (Selection<?> selection : set.getSelections()) {
        if (selection instanceof Field field) {
          Long count = pageSize(field);
          if (count == null) {
            selections(field.getSelectionSet(), parents);
          } else {
            requests += parents;
            nodes += parents * count;
            selections(field.getSelectionSet(), parents * count);
          }
        } else if (selection instanceof InlineFragment inline) {
          selections(inline.getSelectionSet(), parents);
        } else if (selection instanceof FragmentSpread spread) {
          FragmentDefinition fragment = document.getDefinitionsOfType(FragmentDefinition.class).stream()
              .filter(f -> f.getName().equals(spread.getName())).findFirst()
              .orElseThrow(() -> new IllegalArgumentException("no fragment " + spread.getName()));
          selections(fragment.getSelectionSet(), parents);
        }
      }
    }

    /** The field's {@code first} or {@code last}, or null when it is no connection. */
    Long pageSize(Field field) {
      for (Argument argument : field.getArguments()) {
        if (argument.getName().equals("first") || argument.getName().equals("last")) {
          return number(argument.getValue(), field.getName());
        }
      }
      return null;
    }

    long number(Value<?> value, String field) {
      if (value instanceof IntValue i) {
        return i.getValue().longValueExact();
      }
      if (value instanceof VariableReference ref) {
        Object v = variables.get(ref.getName());
        if (v instanceof Number n) {
          return n.longValue();
        }
        throw new IllegalArgumentException("variable $" + ref.getName() + " of " + field + " is " + Objects.toString(v)
            + ", not a number");
      }
      throw new IllegalArgumentException("the page size of " + field + " is " + value + ", not a number");
    }
  }
}
