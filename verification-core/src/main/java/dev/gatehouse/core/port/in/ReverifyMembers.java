package dev.gatehouse.core.port.in;

/**
 * Re-verification: reminds members whose verification ends within their tenant's reminder time, and ends the
 * verifications that reached the end of their tenant's lifetime (the link ends, its roles and nickname are removed
 * in every server of the tenant, the member is told how to verify again). Each reminder and each lapse happens once
 * however many instances sweep at the same time. A store outage surfaces as
 * {@link dev.gatehouse.core.port.out.StoreUnavailableException}.
 */
public interface ReverifyMembers {

    /** {@return how many members were reminded and how many verifications lapsed, over all tenants} */
    Swept sweep();

    /**
     * What one sweep did.
     *
     * @param reminded members sent a reminder
     * @param lapsed verifications ended
     */
    record Swept(long reminded, long lapsed) {
        public Swept {
            if (reminded < 0 || lapsed < 0) {
                throw new IllegalArgumentException("counts can't be negative");
            }
        }
    }
}
