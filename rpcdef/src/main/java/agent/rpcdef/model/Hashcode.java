package agent.rpcdef.model;

import java.util.List;

/**
 * The {@code hashcode} of an exported object: a hash of every record component but {@code id}, in
 * declaration order, so that a receiver can tell a changed object from a resent one. Nobody lists the
 * fields: a component added to a model is hashed from then on. Only an {@link ExportedObject}'s own
 * {@code id} is left out: a record nested in it that has an {@code id} (an issue's custom field)
 * hashes that {@code id} like any other component, since it is content there.
 *
 * <p>The hash is the one of {@link Ids}: the first 8 bytes of SHA-256, as 16 lowercase hex
 * characters, over one part per component, each part's UTF-8 text followed by 0x1f. A component's
 * text is:
 *
 * <ul>
 *   <li>a {@link Date}: {@code <epoch>@<offset>} (its rfc3339 text follows from those);
 *   <li>an enum: its constant's name ({@code MERGED}), not its exported lowercase value;
 *   <li>an integer number (int, long, short, byte, boxed or not) or a boolean: its decimal text,
 *       {@code true} or {@code false};
 *   <li>a fractional number (double, float, boxed or not): the exact decimal value of its binary
 *       value, without exponent and without trailing zeros: {@code 5.0} is {@code 5}, {@code 0.5}
 *       is {@code 0.5}, {@code 1e7} is {@code 10000000}, {@code 0.1} is {@code
 *       0.1000000000000000055511151231257827021181583404541015625}, both zeros are {@code 0}. Not
 *       {@link Double#toString}, whose digits for some values changed in JDK 19. NaN and the
 *       infinities have no rule: a model refuses them;
 *   <li>a string: itself;
 *   <li>null: the empty text (the part is just the 0x1f);
 *   <li>a {@link List}: its elements' texts joined by 0x1e, an empty list the empty text; an element
 *       follows the rules here, a null element is the empty text, and a record element is that
 *       record's own hashcode (the 16 hex characters), as a commit's {@code files} are hashed;
 *   <li>a nested record (other than {@link Date}): not one part but its own parts, each by these
 *       rules, in place, as a commit's {@code author} and {@code committer} are hashed; a null nested
 *       record gives the parts of one whose components are all null (for a signature, three empty
 *       parts).
 * </ul>
 *
 * <p>A record's {@code toString} is never hashed: its format is unspecified and could change with the
 * JDK. A component of any other type (a map, a set, an array) is refused when its class is first
 * hashed, rather than hashed some accidental way: give it a rule here and in {@code
 * _docs/exported_data.md} first.
 *
 * <p>Each record class is examined once ({@link java.lang.reflect.RecordComponent} accessors resolved
 * to method handles and kept with the class); hashing an object reads its components through those.
 * Thread-safe.
 */
public final class Hashcode {
  private Hashcode() {}

  /**
   * The hashcode of {@code object}: its components, but {@code id} when it is an {@link
   * ExportedObject}, by the rules above.
   */
  public static String of(Record object) {
    HashInput in = HashInput.start();
    RecordHasher.of(object.getClass()).append(in, object);
    return in.hex16();
  }
}
