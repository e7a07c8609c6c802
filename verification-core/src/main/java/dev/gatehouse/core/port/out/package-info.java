/**
 * What the core needs from outside, named for the need: the store ports behind
 * {@link dev.gatehouse.core.port.out.Stores}, {@link dev.gatehouse.core.port.out.VerificationMailer},
 * {@link dev.gatehouse.core.port.out.MemberAccess} or {@link dev.gatehouse.core.port.out.AsyncMemberAccess},
 * {@link dev.gatehouse.core.port.out.VerificationLinks}, {@link dev.gatehouse.core.port.out.HandoffTokens} and
 * {@link dev.gatehouse.core.port.out.TokenSource}. Each documents its thread safety, idempotency and failures; the
 * contract test suites in the core's test-jar check implementations against them.
 */
package dev.gatehouse.core.port.out;
