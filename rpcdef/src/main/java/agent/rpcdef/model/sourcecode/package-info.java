/**
 * The exported {@code sourcecode.*} datamodel: repositories, users, pull requests and what hangs off
 * them. Model names and field names follow the original Pinpoint agent.
 *
 * <p>Every model is a record implementing {@link agent.rpcdef.model.ExportedObject}: it carries
 * {@code id}, {@code ref_id}, {@code ref_type}, {@code customer_id} and {@code hashcode}. Build one
 * with its builder, naming each field: {@code Repo.builder().customerId(c).refType("github")
 * .refId(id).name("acme/api").active(true).build()}. Leave {@code id} unset: the compact constructor
 * derives it from the customer, ref type, ref id and parent ids with {@link agent.rpcdef.model.Ids#of},
 * and refuses an object without those. {@code hashcode} is not a component: it is computed from every
 * other component by {@link agent.rpcdef.model.Hashcode#of}, so a field added to a model is hashed
 * without anyone listing it. Records serialize through {@link agent.rpcdef.Json}: snake_case names,
 * null fields left out. Fully documented in {@code _docs/exported_data.md}.
 */
package agent.rpcdef.model.sourcecode;
