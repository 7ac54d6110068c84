package dev.stamp.core.crypto;

/** The kinds of CA key Stamp supports; a signing algorithm fits a key of its own family only. */
public enum KeyFamily { RSA, EC, ML_DSA }
