package dev.stamp.core.ca;

/** AWS Private CA's two kinds of CA: a self-signed root, or a subordinate whose certificate another CA signs. */
public enum CaType { ROOT, SUBORDINATE }
