package agent.rpcdef.model;

/**
 * Stable identifiers of exported objects.
 *
 * <p>An object's {@code id} is {@code Ids.of(customerId, refType, refId, parentIds...)}: the same
 * source object always gets the same id, so duplicates after a retried export are harmless. Each
 * model's constructor documents its parents and derives its id. Its {@code hashcode} is the same hash
 * over every other component ({@link Hashcode}), so a receiver can tell a changed object from a
 * resent one. Both are 16 lowercase hex characters: the first 8 bytes of SHA-256 over the parts,
 * each part's UTF-8 text followed by a 0x1f separator (so that ("ab","c") and ("a","bc") differ).
 */
public final class Ids {
  private Ids() {}

  /** Hashes the parts; a null part hashes like the empty string. */
  public static String of(Object... parts) {
    HashInput in = HashInput.start();
    for (Object p : parts) {
      in.part(p == null ? null : String.valueOf(p));
    }
    return in.hex16();
  }
}
