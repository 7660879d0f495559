package agent.integrations.jira.fake;

import agent.integrations.jira.fake.JiraData.Issue;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JQL the integration writes, and no more: clauses on {@code project} ({@code =}, {@code !=}, {@code
 * in}, {@code not in}), {@code updated} and {@code created} ({@code >=}, {@code >}, {@code <=}, {@code <},
 * {@code =}, with a date {@code "yyyy-MM-dd HH:mm"} read in the time zone of the {@code /myself} user, as
 * Jira reads JQL dates), {@code labels} / {@code label} and {@code key} ({@code =}, {@code !=}, {@code in}),
 * joined by {@code AND} and {@code OR} with parentheses, and {@code ORDER BY} {@code updated}, {@code
 * created}, {@code key} or {@code id}, each {@code ASC} or {@code DESC}. Anything else is refused with
 * Jira's message, which the fake answers with 400.
 */
final class Jql {
  /** A query Jira would refuse; the message is what follows {@code Error in the JQL Query: }. */
  static final class JqlException extends RuntimeException {
    JqlException(String message) {
      super(message);
    }
  }

  private static final Pattern TOKEN = Pattern.compile(
      "\\s*(?:(\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*')|(!=|>=|<=|=|>|<|~)|([(),])|([A-Za-z0-9_.\\-\\[\\]/:]+))");
  private static final List<DateTimeFormatter> DATE_TIMES = List.of(
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"), DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm"));
  private static final List<DateTimeFormatter> DATES = List.of(
      DateTimeFormatter.ofPattern("yyyy-MM-dd"), DateTimeFormatter.ofPattern("yyyy/MM/dd"));

  final Predicate<Issue> where;
  final Comparator<Issue> order;
  /** Whether the query restricts the search at all: Cloud's enhanced search refuses one that does not. */
  final boolean bounded;

  private Jql(Predicate<Issue> where, Comparator<Issue> order, boolean bounded) {
    this.where = where;
    this.order = order;
    this.bounded = bounded;
  }

  /** Parses {@code text} for {@code data}; throws {@link JqlException} for what Jira (or this fake) refuses. */
  static Jql parse(String text, JiraData data) {
    return new Parser(tokens(text == null ? "" : text), data).query();
  }

  private static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    int at = 0;
    while (at < text.length()) {
      if (text.substring(at).isBlank()) {
        break;
      }
      if (!m.find(at) || m.start() != at) {
        throw new JqlException("The character '" + text.substring(at).trim().charAt(0)
            + "' is a reserved JQL character. You must enclose it in a string or use the escape '\\u' followed by "
            + "the hexadecimal code for the character. (line 1, character " + (at + 1) + ")");
      }
      out.add(m.group().trim());
      at = m.end();
    }
    return out;
  }

  private static final class Parser {
    private final List<String> tokens;
    private final JiraData data;
    private final ZoneId zone;
    private int at;

    Parser(List<String> tokens, JiraData data) {
      this.tokens = tokens;
      this.data = data;
      this.zone = data.myself().zone();
    }

    Jql query() {
      Predicate<Issue> where = i -> true;
      boolean bounded = false;
      if (!atEnd() && !keyword("order")) {
        where = or();
        bounded = true;
      }
      Comparator<Issue> order = JiraData.BY_KEY.reversed();
      if (keyword("order")) {
        at++;
        expectKeyword("by");
        order = sortKey();
        while (peek(",")) {
          at++;
          order = order.thenComparing(sortKey());
        }
      }
      if (!atEnd()) {
        throw new JqlException("Expecting either 'OR' or 'AND' but got '" + tokens.get(at) + "'.");
      }
      return new Jql(where, order, bounded);
    }

    private Predicate<Issue> or() {
      Predicate<Issue> p = and();
      while (keyword("or")) {
        at++;
        p = p.or(and());
      }
      return p;
    }

    private Predicate<Issue> and() {
      Predicate<Issue> p = unary();
      while (keyword("and")) {
        at++;
        p = p.and(unary());
      }
      return p;
    }

    private Predicate<Issue> unary() {
      if (peek("(")) {
        at++;
        Predicate<Issue> p = or();
        expect(")");
        return p;
      }
      return clause();
    }

    private Predicate<Issue> clause() {
      String field = next("a field name").toLowerCase(Locale.ROOT);
      boolean not = false;
      if (keyword("not")) {
        at++;
        not = true;
        if (!keyword("in")) {
          throw new JqlException("Expecting 'IN' after 'NOT' but got '" + peekToken() + "'.");
        }
      }
      String op = keyword("in") ? (not ? "not in" : "in") : next("an operator");
      if (op.equals("in") || op.equals("not in")) {
        at++;
      }
      switch (field) {
        case "project": {
          List<String> keys = values(op).stream().map(this::projectKey).toList();
          Predicate<Issue> in = i -> keys.contains(i.project());
          return negated(op, in, field);
        }
        case "labels":
        case "label": {
          List<String> labels = values(op);
          Predicate<Issue> in = i -> i.get("labels") instanceof List<?> l && l.stream().anyMatch(labels::contains);
          return negated(op, in, field);
        }
        case "key":
        case "issuekey": {
          List<String> keys = values(op).stream().map(k -> k.toUpperCase(Locale.ROOT)).toList();
          return negated(op, i -> keys.contains(i.key()), field);
        }
        case "updated":
        case "created": {
          Instant t = date(field, unquote(next("a date")));
          Predicate<Issue> has = i -> (field.equals("updated") ? i.updated() : i.created()) != null;
          java.util.function.Function<Issue, Instant> of = i -> field.equals("updated") ? i.updated() : i.created();
          return has.and(switch (op) {
            case ">=" -> i -> !of.apply(i).isBefore(t);
            case ">" -> i -> of.apply(i).isAfter(t);
            case "<=" -> i -> !of.apply(i).isAfter(t);
            case "<" -> i -> of.apply(i).isBefore(t);
            case "=" -> i -> of.apply(i).equals(t);
            default -> throw unsupported(op, field);
          });
        }
        default:
          throw new JqlException("Field '" + field + "' does not exist or you do not have permission to view it.");
      }
    }

    private Predicate<Issue> negated(String op, Predicate<Issue> in, String field) {
      return switch (op) {
        case "=", "in" -> in;
        case "!=", "not in" -> in.negate();
        default -> throw unsupported(op, field);
      };
    }

    private JqlException unsupported(String op, String field) {
      return new JqlException("The operator '" + op + "' is not supported by the '" + field + "' field.");
    }

    /** The value of {@code =}/{@code !=}, or the parenthesised list of {@code in}/{@code not in}. */
    private List<String> values(String op) {
      if (!op.endsWith("in")) {
        return List.of(unquote(next("a value")));
      }
      expect("(");
      List<String> values = new ArrayList<>();
      values.add(unquote(next("a value")));
      while (peek(",")) {
        at++;
        values.add(unquote(next("a value")));
      }
      expect(")");
      return values;
    }

    private String projectKey(String keyOrId) {
      return data.visibleProject(keyOrId).map(JiraData.Project::key).orElseThrow(() ->
          new JqlException("The value '" + keyOrId + "' does not exist for the field 'project'."));
    }

    private Instant date(String field, String value) {
      for (DateTimeFormatter f : DATE_TIMES) {
        try {
          return LocalDateTime.parse(value, f).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
          // try the next format
        }
      }
      for (DateTimeFormatter f : DATES) {
        try {
          return LocalDate.parse(value, f).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
          // try the next format
        }
      }
      throw new JqlException("Date value '" + value + "' for field '" + field + "' is invalid. Valid formats include: "
          + "'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', "
          + "'4w 2d'.");
    }

    private Comparator<Issue> sortKey() {
      String field = next("a field to order by").toLowerCase(Locale.ROOT);
      Comparator<Issue> c;
      boolean descendingByDefault = true;
      switch (field) {
        case "updated" -> c = Comparator.comparing(Issue::updated);
        case "created" -> c = Comparator.comparing(Issue::created);
        case "key", "issuekey" -> {
          c = JiraData.BY_KEY;
          descendingByDefault = false;
        }
        case "id" -> {
          c = Comparator.comparingLong(i -> Long.parseLong(i.id()));
          descendingByDefault = false;
        }
        default -> throw new JqlException("Field '" + field + "' does not exist or you do not have permission to "
            + "view it.");
      }
      boolean descending = descendingByDefault;
      if (keyword("asc") || keyword("desc")) {
        descending = keyword("desc");
        at++;
      }
      return descending ? c.reversed() : c;
    }

    private static String unquote(String token) {
      if (token.length() >= 2 && (token.startsWith("\"") || token.startsWith("'"))) {
        return token.substring(1, token.length() - 1).replaceAll("\\\\(.)", "$1");
      }
      return token;
    }

    private boolean atEnd() {
      return at >= tokens.size();
    }

    private String peekToken() {
      return atEnd() ? "<EOF>" : tokens.get(at);
    }

    private boolean peek(String token) {
      return !atEnd() && tokens.get(at).equals(token);
    }

    private boolean keyword(String word) {
      return !atEnd() && tokens.get(at).equalsIgnoreCase(word);
    }

    private void expectKeyword(String word) {
      if (!keyword(word)) {
        throw new JqlException("Expecting '" + word.toUpperCase(Locale.ROOT) + "' but got '" + peekToken() + "'.");
      }
      at++;
    }

    private void expect(String token) {
      if (!peek(token)) {
        throw new JqlException("Expecting '" + token + "' but got '" + peekToken() + "'.");
      }
      at++;
    }

    private String next(String what) {
      if (atEnd() || List.of("(", ")", ",").contains(tokens.get(at))) {
        throw new JqlException("Expecting " + what + " but got '" + peekToken() + "'.");
      }
      return tokens.get(at++);
    }
  }
}
