/**
 * cert-manager's certificate decisions as pure functions over values: the trigger and readiness policy chains
 * ({@link dev.stamp.manager.policy.PolicyChain}), the renewal time, the failure backoff, and the check of an issued
 * certificate. Nothing here reads a clock, a file or the network: {@code now} and every object come in as arguments.
 */
package dev.stamp.manager.policy;
