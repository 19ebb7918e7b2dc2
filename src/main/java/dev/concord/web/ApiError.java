package dev.concord.web;

import java.util.List;

/** The JSON error body of API.md: a machine-readable code, a sentence a person can act on, details. */
public record ApiError(String error, String message, List<Object> details) {
    public ApiError {
        details = details == null ? List.of() : details;
    }
}
