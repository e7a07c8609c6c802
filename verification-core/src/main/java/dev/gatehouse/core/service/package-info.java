/**
 * The implementations of the use cases, built only by {@link dev.gatehouse.core.Gatehouse}; not exported from the
 * module and not for callers (use the interfaces of {@code dev.gatehouse.core.port.in}).
 */
package dev.gatehouse.core.service;
