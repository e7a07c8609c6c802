/**
 * What every adapter shares about members' languages: {@link dev.gatehouse.core.text.Languages} (the languages
 * Gatehouse speaks and the fallback to English), {@link dev.gatehouse.core.text.Durations} (the one wording of a
 * duration, for Discord, mail and pages alike) and {@link dev.gatehouse.core.text.Moments} (a time with its zone).
 */
package dev.gatehouse.core.text;
