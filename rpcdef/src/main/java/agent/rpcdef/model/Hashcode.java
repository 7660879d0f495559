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
    HashInput in = HashInput.start();
    for (Object v : fields) {
      if (v == null) {
        in.separator();
      } else if (v instanceof String s) {
        in.part(s);
      } else if (v instanceof Date d) {
        in.text(Long.toString(d.epoch())).text('@').text(Integer.toString(d.offset())).separator();
      } else if (v instanceof Enum<?> e) {
        in.part(e.name());
      } else if (v instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            in.text('\u001e');
          }
          in.text(String.valueOf(list.get(i)));
        }
        in.separator();
      } else {
        in.part(String.valueOf(v));
      }
    }
    return in.hex16();
  }
}
