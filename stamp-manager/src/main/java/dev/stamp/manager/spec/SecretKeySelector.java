package dev.stamp.manager.spec;

/** A reference to one key of a Secret in the object's namespace ({@code {name, key}}). */
public record SecretKeySelector(String name, String key) {
}
