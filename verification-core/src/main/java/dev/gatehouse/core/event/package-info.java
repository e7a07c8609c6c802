/**
 * What a host bot may react to: {@link dev.gatehouse.core.event.MemberVerified},
 * {@link dev.gatehouse.core.event.VerificationDenied} and {@link dev.gatehouse.core.event.MemberUnlinked}, handed
 * to {@link dev.gatehouse.core.event.VerificationListener}s after their change is committed, on the thread that
 * made it.
 */
package dev.gatehouse.core.event;
