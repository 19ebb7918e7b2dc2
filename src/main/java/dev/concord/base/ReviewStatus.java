package dev.concord.base;

/**
 * Where an example's round stands with an SME: flagged and waiting ({@link #OPEN}), or settled
 * ({@link #RESOLVED}). The review package owns reviews; the status lives in base because the queue,
 * the agreement scan, the overview and the release all read it of an example's round.
 */
public enum ReviewStatus {
    OPEN, RESOLVED;

    /** The stored value as an SQL literal, for queries written as text. */
    public String sql() {
        return "'" + name() + "'";
    }
}
