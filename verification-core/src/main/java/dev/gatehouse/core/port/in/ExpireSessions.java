package dev.gatehouse.core.port.in;

/** Marks overdue pending sessions expired (links expire on time regardless; this keeps counts honest). */
public interface ExpireSessions {
    /**
     * Returns how many sessions expired.
     *
     * @return how many sessions expired
     */
    int expireOverdue();
}
