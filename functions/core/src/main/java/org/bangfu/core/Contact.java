package org.bangfu.core;

/** The person a helper calls about a need: usually the village cadre who posted it. Private. */
public record Contact(String name, String phone) {
}
