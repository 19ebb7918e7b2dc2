package dev.concord.base;

/**
 * An identity may be limited to a few endpoints (an account that must first choose a password):
 * the identity attribute {@link #ATTRIBUTE} then says why, and which page lifts the limit, so a
 * refusal explains itself and a browser is sent there.
 */
public record AccessLimit(String code, String message, String page) {
    public static final String ATTRIBUTE = "concord.limit";
}
