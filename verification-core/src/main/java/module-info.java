/**
 * The Gatehouse verification core: use cases, policies, ports and in-memory stores in plain Java, with no
 * dependencies. Build it with {@link dev.gatehouse.core.Gatehouse#builder()}. The implementations of the use cases
 * ({@code dev.gatehouse.core.service}) are not exported.
 */
module dev.gatehouse.core {
    exports dev.gatehouse.core;
    exports dev.gatehouse.core.event;
    exports dev.gatehouse.core.memory;
    exports dev.gatehouse.core.model;
    exports dev.gatehouse.core.port.in;
    exports dev.gatehouse.core.port.out;
    exports dev.gatehouse.core.text;
}
