package dev.concord.base;

/**
 * One page of a paged list: {@code page} counts from 0, {@code size} is 1 to {@code maxSize}. The offset is a
 * long because page × size of two valid ints overflows an int; a page past the end is simply empty.
 */
public record PageRequest(int page, int size) {
    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 1000;

    public PageRequest {
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            throw new DomainException.BadInput("page is 0 or more; size is 1 to " + MAX_SIZE + ".");
        }
    }

    /** From the query parameters {@code page} and {@code size}; either may be missing. */
    public static PageRequest of(Integer page, Integer size) {
        return new PageRequest(page == null ? 0 : page, size == null ? DEFAULT_SIZE : size);
    }

    public long offset() {
        return (long) page * size;
    }

    /** True when this page starts at or after the last of {@code total} items: nothing to query. */
    public boolean beyond(long total) {
        return offset() >= total;
    }
}
