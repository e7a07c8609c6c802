package dev.gatehouse.core.port.in;

/**
 * Drains the member-update outbox: applies due updates through the member-access port, completes them,
 * or schedules a retry with backoff (honouring the platform's Retry-After). Safe to call from several
 * threads and instances at once.
 */
public interface DeliverMemberUpdates {

    /**
     * One pass: claims up to {@code max} due updates and applies them, blocking the caller while it does (at most
     * about half of the 10 s claim).
     *
     * @param max how many updates to claim, at least 1
     * @return what the pass did
     */
    DeliveryReport deliverDue(int max);

    /**
     * What one pass did.
     *
     * @param applied updates applied, or found already so
     * @param retried updates that failed for now and are due again later
     * @param dropped updates that can never succeed, dropped
     */
    record DeliveryReport(int applied, int retried, int dropped) {
        /** {@return how many updates the pass finished with, one way or another} */
        public int attempted() {
            return applied + retried + dropped;
        }
    }
}
