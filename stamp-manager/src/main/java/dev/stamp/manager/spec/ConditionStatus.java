package dev.stamp.manager.spec;

/** A condition's status, as Kubernetes spells it. */
public enum ConditionStatus {
    True, False, Unknown
}
