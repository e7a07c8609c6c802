/**
 * Thread-safe in-memory implementations of every store port ({@link dev.gatehouse.core.memory.InMemoryStores#create()}),
 * the default when no stores are given: for tests, single-process bots and trying Gatehouse out. Nothing survives
 * a restart.
 */
package dev.gatehouse.core.memory;
