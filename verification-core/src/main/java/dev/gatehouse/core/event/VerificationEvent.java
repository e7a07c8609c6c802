package dev.gatehouse.core.event;

import java.time.Instant;

/** Something a host bot may want to react to. Delivered after the change is committed. */
public sealed interface VerificationEvent permits MemberVerified, VerificationDenied, MemberUnlinked, MemberRemoved, RolesChanged,
        VerificationLapsed {
    /** {@return when it happened} */
    Instant at();
}
