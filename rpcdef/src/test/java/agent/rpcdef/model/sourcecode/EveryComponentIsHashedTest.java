package agent.rpcdef.model.sourcecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.Json;
import agent.rpcdef.model.Date;
import agent.rpcdef.model.ExportedObject;
import agent.rpcdef.model.Hashcode;
import agent.rpcdef.model.Ids;
import agent.rpcdef.model.work.Changelog;
import agent.rpcdef.model.work.Issue;
import agent.rpcdef.model.work.IssueComment;
import agent.rpcdef.model.work.IssueType;
import agent.rpcdef.model.work.Priority;
import agent.rpcdef.model.work.Project;
import agent.rpcdef.model.work.Resolution;
import agent.rpcdef.model.work.Sprint;
import agent.rpcdef.model.work.Status;
import agent.rpcdef.model.work.Worklog;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No field is left out of a hashcode: for every model, each component in turn (and each component of
 * a nested record, and each component of a list's record element) is changed alone, to another
 * value and to null, and the hashcode must change; changing {@code id} must not change it. The
 * objects are built by reflection from the record components, so a component added to a model is
 * covered without touching this test.
 */
class EveryComponentIsHashedTest {
  private static final List<Class<? extends Record>> MODELS = List.of(Repo.class, User.class, PullRequest.class,
      PullRequestReview.class, PullRequestComment.class, PullRequestCommit.class, Commit.class, Branch.class, Blame.class,
      Project.class, Issue.class, Changelog.class, IssueComment.class, Worklog.class, agent.rpcdef.model.work.User.class,
      Sprint.class, IssueType.class, Status.class, Priority.class, Resolution.class);

  /** Values nested in the models, hashed with their parents: checked on their own too. */
  private static final List<Class<? extends Record>> VALUES = List.of(CommitFile.class, Commit.Signature.class, Blame.Line.class,
      Issue.TimeTracking.class, Issue.CustomField.class);

  @Test
  void changingAnyComponentChangesTheHashcode() {
    for (Class<? extends Record> type : concat(MODELS, VALUES)) {
      Record base = full(type, 0);
      String hash = Hashcode.of(base);
      Map<String, Record> changed = changes(type, base, "");
      assertTrue(changed.size() >= type.getRecordComponents().length - 1, type.getSimpleName());
      changed.forEach((what, other) ->
          assertNotEquals(hash, Hashcode.of(other), type.getSimpleName() + ": changing " + what + " must change it"));
    }
  }

  @Test
  void changingTheIdDoesNotChangeTheHashcode() {
    for (Class<? extends Record> type : MODELS) {
      Record one = with(full(type, 0), "id", "id-one");
      Record other = with(one, "id", "id-two");
      assertNotEquals(((ExportedObject) one).id(), ((ExportedObject) other).id());
      assertEquals(((ExportedObject) one).hashcode(), ((ExportedObject) other).hashcode(), type.getSimpleName());
    }
  }

  @Test
  void theExportedHashcodeIsTheHashOfTheObject() throws Exception {
    for (Class<? extends Record> type : MODELS) {
      Record r = full(type, 0);
      JsonNode n = Json.mapper().readTree(Json.bytes(r));
      assertEquals(Hashcode.of(r), n.get("hashcode").asText(), type.getSimpleName());
      assertEquals(List.of("id", "ref_id", "ref_type", "customer_id", "hashcode"), first5(n), type.getSimpleName());
      assertEquals(r, Json.mapper().readValue(Json.bytes(r), type), type.getSimpleName() + " reads back");
    }
  }

  /**
   * A copy of {@link Repo} with one component more, as a model grows: the new component is hashed
   * without anyone listing it, and written like every other field.
   */
  record RepoWithTopic(
      String id,
      String refId,
      String refType,
      String customerId,
      String name,
      String url,
      String description,
      String language,
      boolean active,
      String defaultBranch,
      Date createdDate,
      Date updatedDate,
      String topic) implements ExportedObject {

    RepoWithTopic {
      if (id == null) {
        id = Ids.of(customerId, refType, refId);
      }
    }
  }

  @Test
  void aComponentAddedToAModelIsHashed() throws Exception {
    Repo repo = (Repo) full(Repo.class, 0);
    RepoWithTopic without = new RepoWithTopic(null, repo.refId(), repo.refType(), repo.customerId(), repo.name(),
        repo.url(), repo.description(), repo.language(), repo.active(), repo.defaultBranch(), repo.createdDate(),
        repo.updatedDate(), null);
    RepoWithTopic with = (RepoWithTopic) with(without, "topic", "payments");
    assertEquals(repo.id(), with.id(), "the new component is content, not identity");
    assertNotEquals(without.hashcode(), with.hashcode(), "setting the new component changes the hashcode");
    assertNotEquals(with.hashcode(), ((RepoWithTopic) with(without, "topic", "search")).hashcode());
    JsonNode n = Json.mapper().readTree(Json.bytes(with));
    assertEquals("payments", n.get("topic").asText());
    assertEquals(with.hashcode(), n.get("hashcode").asText());
    assertFalse(Json.mapper().readTree(Json.bytes(without)).has("topic"));
  }

  // --- objects built from the record components ---

  /** Every change of one component (or of one component of a nested record) of {@code base}, by path. */
  private static Map<String, Record> changes(Class<? extends Record> type, Record base, String prefix) {
    Map<String, Record> out = new LinkedHashMap<>();
    for (RecordComponent c : type.getRecordComponents()) {
      if (c.getName().equals("id") && ExportedObject.class.isAssignableFrom(type)) {
        continue;
      }
      Object value = get(base, c);
      String path = prefix + c.getName();
      if (c.getType().isRecord() && c.getType() != Date.class) {
        @SuppressWarnings("unchecked")
        Class<? extends Record> nested = (Class<? extends Record>) c.getType();
        changes(nested, (Record) value, path + ".").forEach((p, r) -> out.put(p, with(base, c.getName(), r)));
      } else if (c.getType() == List.class && element(c).isRecord()) {
        @SuppressWarnings("unchecked")
        Class<? extends Record> nested = (Class<? extends Record>) element(c);
        List<?> list = (List<?>) value;
        changes(nested, (Record) list.get(0), path + "[0].").forEach((p, r) -> {
          List<Object> copy = new ArrayList<>(list);
          copy.set(0, r);
          out.put(p, with(base, c.getName(), copy));
        });
      }
      out.put(path + " (other value)", with(base, c.getName(), value(c.getType(), c.getGenericType(), 1)));
      if (!c.getType().isPrimitive() && !required(type, c)) {
        out.put(path + " (null)", with(base, c.getName(), null));
      }
    }
    return out;
  }

  /** True when {@code type}'s constructor refuses null for {@code c}: a ref id, a parent's id. */
  private static boolean required(Class<? extends Record> type, RecordComponent c) {
    try {
      with(full(type, 0), c.getName(), null);
      return false;
    } catch (AssertionError e) {
      if (e.getCause() instanceof NullPointerException npe && npe.getMessage().contains(" needs ")) {
        return true;
      }
      throw e;
    }
  }

  /** A record with every component set: variant 0 and 1 differ in every component. */
  private static Record full(Class<? extends Record> type, int variant) {
    RecordComponent[] cs = type.getRecordComponents();
    Object[] args = new Object[cs.length];
    for (int i = 0; i < cs.length; i++) {
      args[i] = cs[i].getName().equals("id") && ExportedObject.class.isAssignableFrom(type) ? null
          : value(cs[i].getType(), cs[i].getGenericType(), variant);
    }
    return construct(type, args);
  }

  private static Object value(Class<?> t, Type generic, int variant) {
    if (t == String.class) {
      return variant == 0 ? "zero" : "one";
    } else if (t == int.class) {
      return variant + 3;
    } else if (t == long.class || t == Long.class) {
      return variant + 3L;
    } else if (t == Integer.class) {
      return variant + 3;
    } else if (t == Double.class) {
      return variant + 0.5;
    } else if (t == boolean.class) {
      return variant == 1;
    } else if (t == Date.class) {
      return Date.ofEpochMillis(1_700_000_000_000L + variant, 60);
    } else if (t.isEnum()) {
      return t.getEnumConstants()[variant];
    } else if (t == List.class) {
      Class<?> element = (Class<?>) ((ParameterizedType) generic).getActualTypeArguments()[0];
      return List.of(value(element, element, variant));
    } else if (t.isRecord()) {
      @SuppressWarnings("unchecked")
      Class<? extends Record> nested = (Class<? extends Record>) t;
      return full(nested, variant);
    }
    throw new AssertionError("no test value for " + t + "; teach this test and Hashcode the type");
  }

  private static Class<?> element(RecordComponent c) {
    return (Class<?>) ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
  }

  /** A copy of {@code r} with component {@code name} set to {@code value}. */
  private static Record with(Record r, String name, Object value) {
    RecordComponent[] cs = r.getClass().getRecordComponents();
    Object[] args = new Object[cs.length];
    boolean found = false;
    for (int i = 0; i < cs.length; i++) {
      found |= cs[i].getName().equals(name);
      args[i] = cs[i].getName().equals(name) ? value : get(r, cs[i]);
    }
    assertTrue(found, name);
    @SuppressWarnings("unchecked")
    Class<? extends Record> type = (Class<? extends Record>) r.getClass();
    return construct(type, args);
  }

  private static Object get(Record r, RecordComponent c) {
    try {
      c.getAccessor().setAccessible(true);
      return c.getAccessor().invoke(r);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static Record construct(Class<? extends Record> type, Object[] args) {
    Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
    try {
      Constructor<? extends Record> ctor = type.getDeclaredConstructor(types);
      ctor.setAccessible(true);
      return ctor.newInstance(args);
    } catch (InvocationTargetException e) {
      throw new AssertionError(type.getSimpleName() + " refused " + Arrays.toString(args), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> first5(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out.subList(0, 5);
  }

  private static <T> List<T> concat(List<? extends T> a, List<? extends T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
