package dev.stamp.manager.spec;

/** The condition types of a Certificate's status, with cert-manager's names. */
public enum ConditionType {
    Ready, Issuing
}
