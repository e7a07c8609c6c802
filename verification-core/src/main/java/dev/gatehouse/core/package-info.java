/**
 * {@link dev.gatehouse.core.Gatehouse}, which assembles every use case over one set of stores, and its builder.
 * Start here: {@code Gatehouse.builder().publicBaseUrl(...).mailer(...).build()} runs the whole verification in
 * memory; the builder takes PostgreSQL stores, a member access for roles and nicknames, listeners and limits.
 */
package dev.gatehouse.core;
