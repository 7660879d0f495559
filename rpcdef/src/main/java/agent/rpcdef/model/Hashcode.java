package agent.rpcdef.model;

import java.util.List;

/**
 * The {@code hashcode} of an exported object: {@link Ids#of} over its content fields, each turned
 * into stable text first, so that a receiver can tell a changed object from a resent one.
 *
 * <p>Values are hashed as: a {@link Date} as {@code <epoch>@<offset>} (its rfc3339 text follows from
 * those), a {@link List} as its elements joined by 0x1e, an enum by its constant name, anything else
 * by {@link String#valueOf}; null hashes like the empty string. Record {@code toString} output is never
 * hashed: its format is unspecified and could change with the JDK.
 */
public final class Hashcode {
  private Hashcode() {}

  /** Hashes {@code fields} in order; the caller lists every content field of the object. */
  public static String of(Object... fields) {
    Object[] parts = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      parts[i] = text(fields[i]);
    }
    return Ids.of(parts);
  }

  private static Object text(Object v) {
    if (v instanceof Date d) {
      return d.epoch() + "@" + d.offset();
    }
    if (v instanceof Enum<?> e) {
      return e.name();
    }
    if (v instanceof List<?> list) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          b.append('\u001e');
        }
        b.append(list.get(i));
      }
      return b.toString();
    }
    return v;
  }
}
