package agent.rpcdef.internal;

/** The two kinds of session of the protocol. */
public enum SessionKind {
  /** Groups work and reports progress; sends no objects. */
  TRACKING,
  /** Sends objects of exactly one model type. */
  MODEL
}
