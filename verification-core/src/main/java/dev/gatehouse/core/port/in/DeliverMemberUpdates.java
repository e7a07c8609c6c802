package dev.gatehouse.core.port.in;

/**
 * Drains the member-update outbox: applies due updates through the member-access port, completes them,
 * or schedules a retry with backoff (honouring the platform's Retry-After). Safe to call from several
 * threads and instances at once.
 */
public interface DeliverMemberUpdates {

    DeliveryReport deliverDue(int max);

    /** What one pass did. */
    record DeliveryReport(int applied, int retried, int dropped) {
        public int attempted() {
            return applied + retried + dropped;
        }
    }
}
