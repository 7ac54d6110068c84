/**
 * The standalone agent ({@code stamp agent}): cert-manager's certificate controllers run over a directory of
 * manifests, with the agent's own durable store ({@link dev.stamp.manager.agent.AgentStore}), one reconciliation pass
 * per Certificate ({@link dev.stamp.manager.agent.Reconciler}), the watching and scheduling loop
 * ({@link dev.stamp.manager.agent.Agent}), reload hooks, Prometheus metrics with cert-manager's names and the text
 * {@code stamp agent status} prints.
 */
package dev.stamp.manager.agent;
