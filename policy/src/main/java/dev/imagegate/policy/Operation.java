package dev.imagegate.policy;

/** Admission operations, as in {@code match.resources.operations}. */
public enum Operation {
  CREATE,
  UPDATE,
  DELETE,
  CONNECT
}
