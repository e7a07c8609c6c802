package dev.gatehouse.core.service;

import dev.gatehouse.core.event.VerificationEvent;
import dev.gatehouse.core.event.VerificationListener;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/** Hands committed events to every listener; a failing listener is logged and the others still run. */
public final class EventBus {
    private static final System.Logger LOG = System.getLogger(EventBus.class.getName());

    private final List<VerificationListener> listeners = new CopyOnWriteArrayList<>();

    public void add(VerificationListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void publish(List<? extends VerificationEvent> events) {
        for (VerificationEvent event : events) {
            for (VerificationListener listener : listeners) {
                try {
                    listener.on(event);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "listener " + listener + " failed on " + event.getClass().getSimpleName(), e);
                }
            }
        }
    }
}
