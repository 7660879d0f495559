/**
 * The exported {@code sourcecode.*} datamodel: repositories, users, pull requests and what hangs off
 * them. Model names and field names follow the original Pinpoint agent.
 *
 * <p>Every record carries {@code id}, {@code ref_id}, {@code ref_type}, {@code customer_id} and
 * {@code hashcode}. Pass {@code null} for {@code id} and {@code hashcode} (or use the static {@code
 * of} factories): the compact constructor derives them, {@code id} from the customer, ref type, ref
 * id and parent ids with {@link agent.rpcdef.model.Ids#of}, {@code hashcode} from every other field
 * with {@link agent.rpcdef.model.Hashcode#of}. Records serialize through {@link agent.rpcdef.Json}:
 * snake_case names, null fields left out. Fully documented in {@code _docs/exported_data.md}.
 */
package agent.rpcdef.model.sourcecode;
