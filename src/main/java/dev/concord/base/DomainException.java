package dev.concord.base;

import java.util.List;

/**
 * The one family of exceptions services throw for bad requests; the web layer's {@code ErrorMapper} turns each
 * into the API error body with its status. Services never build HTTP responses themselves.
 */
public class DomainException extends RuntimeException {
    private final int status;
    private final String code;
    private final List<Object> details;

    protected DomainException(int status, String code, String message, List<?> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        // (a copy that keeps a null an input held: a request's {"keys": [null]} is listed, not a 500)
        this.details = details == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(details));
    }

    public int status() { return status; }
    public String code() { return code; }
    public List<Object> details() { return details; }

    /**
     * What a page shows of this error: each detail as a sentence a person reads ("Line 4: 'a b' is
     * not a usable username …"), for the forms that re-render with the user's input; API callers
     * get the details as JSON instead.
     */
    public List<String> sentences() {
        return details.stream().map(DomainException::sentence).toList();
    }

    /** The details that name a form field, as field → message (several joined), for per-field errors. */
    public java.util.Map<String, String> fieldMessages() {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (Object detail : details) {
            if (detail instanceof java.util.Map<?, ?> m && m.get("field") != null && m.get("message") != null) {
                fields.merge(String.valueOf(m.get("field")), String.valueOf(m.get("message")), (a, b) -> a + " " + b);
            }
        }
        return fields;
    }

    /** A detail that reads as a sentence by itself. */
    public interface Detail {
        String sentence();
    }

    static String sentence(Object detail) {
        if (detail instanceof Detail d) return d.sentence();
        if (detail instanceof java.util.Map<?, ?> map && map.get("message") != null) {
            Object line = map.get("line");
            return (line == null ? "" : "Line " + line + ": ") + map.get("message");
        }
        return String.valueOf(detail);
    }

    /** 404: unknown, or not visible to the caller (another project's object looks the same). */
    public static final class NotFound extends DomainException {
        public NotFound(String message) { super(404, "not_found", message, null); }
    }

    /** 400: the input is wrong; details list each bad field, line or file. */
    public static final class BadInput extends DomainException {
        public BadInput(String message) { this(message, null); }
        public BadInput(String message, List<?> details) { super(400, "bad_request", message, details); }
        public BadInput(String code, String message, List<?> details) { super(400, code, message, details); }
    }

    /** 409: the request conflicts with the current state (duplicate, stale version). */
    public static final class Conflict extends DomainException {
        public Conflict(String message) { this(message, null); }
        public Conflict(String message, List<?> details) { super(409, "conflict", message, details); }
    }

    /** 403: authenticated, but this role may not do it. */
    public static final class Forbidden extends DomainException {
        public Forbidden(String message) { super(403, "forbidden", message, null); }
    }

    /** 413: a body, file or archive larger than allowed. */
    public static final class TooLarge extends DomainException {
        public TooLarge(String message) { super(413, "too_large", message, null); }
    }

    /** 415: a media type the endpoint does not take. */
    public static final class UnsupportedType extends DomainException {
        public UnsupportedType(String message) { super(415, "unsupported_media_type", message, null); }
    }

    /** 429: too many attempts (login throttling). */
    public static final class TooManyRequests extends DomainException {
        public TooManyRequests(String message) { super(429, "too_many_requests", message, null); }
    }
}
