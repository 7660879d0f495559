/**
 * The exported {@code work.*} datamodel: projects, issues and what hangs off them (changelog,
 * comments, worklogs), users, sprints, and the workflow configuration (issue types, statuses,
 * priorities, resolutions). Model names and field names follow the original Pinpoint agent.
 *
 * <p>Every model is a record implementing {@link agent.rpcdef.model.ExportedObject}: it carries
 * {@code id}, {@code ref_id}, {@code ref_type}, {@code customer_id} and {@code hashcode}. Build one
 * with its builder, naming each field: {@code Project.builder().customerId(c).refType("jira")
 * .refId("10000").identifier("ABC").name("Billing").active(true).build()}. Leave {@code id} unset: the
 * compact constructor derives it from the customer, ref type, ref id and parent ids with {@link
 * agent.rpcdef.model.Ids#of}, and refuses an object without those. An object that others point to
 * by {@code id} ({@link Project}, {@link Issue}, {@link Sprint}) has a static {@code idOf} that gives
 * the same id from the ref id alone, so a mapper can fill in {@code project_id}, {@code parent_id} or
 * {@code sprint_ids} without building the other object. {@code hashcode} is not a component: it is
 * computed from every other component by {@link agent.rpcdef.model.Hashcode#of}. Records serialize
 * through {@link agent.rpcdef.Json}: snake_case names, null fields left out. Fully documented in
 * {@code _docs/exported_data.md}.
 */
package agent.rpcdef.model.work;
