package agent.rpcdef.model;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * How one record class is hashed: its components (but an exported object's {@code id}), in declaration order, each with
 * its accessor resolved to a {@link MethodHandle} and its encoding chosen once, when the class is
 * first hashed. Hashing an object then reads its components through those handles: no reflection
 * per object, which matters for the hundreds of thousands of commits of a git export.
 *
 * <p>The encoding is the one {@link Hashcode} documents. A component of a type it has no rule for
 * (a map, a set, an array) fails when the class is first hashed rather than being hashed by its
 * {@code toString}.
 */
final class RecordHasher {
  private static final ClassValue<RecordHasher> BY_CLASS = new ClassValue<>() {
    @Override
    protected RecordHasher computeValue(Class<?> type) {
      return new RecordHasher(type);
    }
  };

  /**
   * The component an {@link ExportedObject} never hashes: its id is derived from its identity, not
   * its content. A nested record's {@code id} is hashed like any other component.
   */
  static final String ID = "id";

  private final Part[] parts;

  private RecordHasher(Class<?> type) {
    if (!type.isRecord()) {
      throw new IllegalArgumentException(type.getName() + " is not a record");
    }
    // A value nested in an object (an issue's custom field) has no identity of its own: its id is content.
    boolean exported = ExportedObject.class.isAssignableFrom(type);
    List<Part> out = new ArrayList<>();
    for (RecordComponent c : type.getRecordComponents()) {
      if (!(exported && c.getName().equals(ID))) {
        out.add(part(type, c));
      }
    }
    parts = out.toArray(new Part[0]);
  }

  /** The hasher of {@code type}, a record class; built on first use and kept with the class. */
  static RecordHasher of(Class<?> type) {
    return BY_CLASS.get(type);
  }

  /** Appends {@code r}'s parts; a null record appends the parts of a record whose components are all null. */
  void append(HashInput in, Object r) {
    for (Part p : parts) {
      p.append(in, r);
    }
  }

  private enum Kind {
    /**
     * A String, a boxed integer or a char: {@link String#valueOf}; a double or float (boxed or not):
     * its exact decimal value ({@link #fractionText}).
     */
    TEXT,
    /** int, long, short, byte: decimal text. */
    INTEGER,
    BOOLEAN,
    DATE,
    ENUM,
    LIST,
    /** A nested record other than {@link Date}: its own parts, flattened into its parent's. */
    RECORD
  }

  private record Part(Kind kind, MethodHandle getter, RecordHasher nested) {

    void append(HashInput in, Object r) {
      try {
        switch (kind) {
          case INTEGER -> {
            if (r != null) {
              in.number((long) getter.invokeExact(r));
            }
            in.separator();
          }
          case BOOLEAN -> {
            if (r != null) {
              in.text((boolean) getter.invokeExact(r) ? "true" : "false");
            }
            in.separator();
          }
          case RECORD -> nested.append(in, r == null ? null : (Object) getter.invokeExact(r));
          default -> {
            Object v = r == null ? null : (Object) getter.invokeExact(r);
            if (v != null) {
              if (kind == Kind.LIST) {
                appendList(in, (List<?>) v);
              } else {
                appendValue(in, v);
              }
            }
            in.separator();
          }
        }
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException("cannot read a record component to hash it", e);
      }
    }
  }

  /** A single value's text, no separator: the rule for a component and for a list element alike. */
  private static void appendValue(HashInput in, Object v) {
    if (v instanceof String s) {
      in.text(s);
    } else if (v instanceof Date d) {
      in.number(d.epoch()).text('@').number(d.offset());
    } else if (v instanceof Enum<?> e) {
      in.text(e.name());
    } else if (v instanceof Double || v instanceof Float) {
      in.text(fractionText(((Number) v).doubleValue()));
    } else if (v instanceof Record r) {
      // A record in a list is one element: its own hashcode stands for it.
      HashInput child = in.child();
      of(r.getClass()).append(child, r);
      in.hex16Of(child);
    } else if (v instanceof List<?>) {
      throw new IllegalArgumentException("Hashcode has no rule for a list in a list");
    } else {
      in.text(String.valueOf(v));
    }
  }

  /**
   * A fractional number's exact decimal value, plain and without trailing zeros ({@code 5}, {@code
   * 0.5}). Not {@link Double#toString}: its digits for some values changed in JDK 19.
   */
  private static String fractionText(double d) {
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException("Hashcode has no rule for " + d + "; a model must refuse it");
    }
    return d == 0 ? "0" : new BigDecimal(d).stripTrailingZeros().toPlainString();
  }

  private static void appendList(HashInput in, List<?> list) {
    // A long list of records often holds the same instance many times (a blame's lines share one
    // per commit and line class): each distinct instance is hashed once per list.
    java.util.IdentityHashMap<Object, byte[]> seen = list.size() >= 8 ? new java.util.IdentityHashMap<>() : null;
    for (int i = 0, n = list.size(); i < n; i++) {
      if (i > 0) {
        in.text('\u001e');
      }
      Object e = list.get(i);
      if (e instanceof Record r && seen != null) {
        byte[] hex = seen.get(r);
        if (hex == null) {
          HashInput child = in.child();
          of(r.getClass()).append(child, r);
          hex = child.hex16Bytes();
          seen.put(r, hex);
        }
        in.ascii(hex);
      } else if (e != null) {
        appendValue(in, e);
      }
    }
  }

  private static Part part(Class<?> owner, RecordComponent c) {
    Class<?> t = c.getType();
    Kind kind;
    if (t == int.class || t == long.class || t == short.class || t == byte.class) {
      kind = Kind.INTEGER;
    } else if (t == boolean.class) {
      kind = Kind.BOOLEAN;
    } else if (t == Date.class) {
      kind = Kind.DATE;
    } else if (t.isEnum()) {
      kind = Kind.ENUM;
    } else if (t == List.class) {
      kind = Kind.LIST;
    } else if (t.isRecord()) {
      kind = Kind.RECORD;
    } else if (t == String.class || t.isPrimitive() || Number.class.isAssignableFrom(t) || t == Boolean.class
        || t == Character.class) {
      kind = Kind.TEXT;
    } else {
      throw new IllegalArgumentException("Hashcode has no rule for " + owner.getName() + "." + c.getName() + " of type "
          + t.getName() + "; add one to Hashcode and _docs/exported_data.md");
    }
    MethodType type = switch (kind) {
      case INTEGER -> MethodType.methodType(long.class, Object.class);
      case BOOLEAN -> MethodType.methodType(boolean.class, Object.class);
      default -> MethodType.methodType(Object.class, Object.class);
    };
    return new Part(kind, getter(c).asType(type), kind == Kind.RECORD ? of(t) : null);
  }

  private static MethodHandle getter(RecordComponent c) {
    Method accessor = c.getAccessor();
    try {
      // A record declared in a test or a plugin may not be public; its accessor still is the contract.
      accessor.setAccessible(true);
      return MethodHandles.lookup().unreflect(accessor);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException("cannot read " + c.getDeclaringRecord().getName() + "." + c.getName(), e);
    }
  }
}
