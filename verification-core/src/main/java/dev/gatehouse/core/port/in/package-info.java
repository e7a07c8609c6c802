/**
 * The use cases, one interface per act, each taking a command record and answering a sealed result to handle with
 * a {@code switch}; expected outcomes are results, never exceptions. Get them from
 * {@link dev.gatehouse.core.Gatehouse}. Every call is synchronous and may block on the stores (a database round
 * trip with PostgreSQL) except where its documentation says it answers from memory (the message gate).
 */
package dev.gatehouse.core.port.in;
