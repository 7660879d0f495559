package agent.rpcdef.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An object exported on its own (a {@code sourcecode.Repo}, a {@code sourcecode.Commit}, ...), as
 * opposed to a value nested in one. Implemented by records only.
 *
 * <p>Its {@code id} is a record component, derived by the record's constructor from its identity
 * ({@link Ids}). Its {@code hashcode} is not a component: it is computed from every component but
 * {@code id} ({@link Hashcode}) when asked for, which is when the object is written, so it can never
 * disagree with the content. It is written right after {@code customer_id} and ignored when the JSON
 * is read back: the content it was computed from is read instead.
 */
@JsonPropertyOrder({"id", "ref_id", "ref_type", "customer_id", "hashcode"})
@JsonIgnoreProperties(value = "hashcode", allowGetters = true)
public interface ExportedObject {

  /** The stable id: {@code Ids.of(customerId, refType, refId, parent ids...)}, as each model documents. */
  String id();

  /** The object's id in the source system. */
  String refId();

  /** The source system: {@code github}, {@code git}, {@code mock}, ... */
  String refType();

  String customerId();

  /** The hash of the content: every component but {@code id} ({@link Hashcode#of}). */
  @JsonProperty("hashcode")
  default String hashcode() {
    return Hashcode.of((Record) this);
  }
}
