package org.example.fake;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** A Discord library's interface answered by name from a map, standing in for a connected client. */
public final class Fake {
    private Fake() {
    }

    /** An instance of {@code type} whose methods answer from {@code answers} by name; any other method throws. */
    public static <T> T of(Class<T> type, Map<String, Function<Object[], Object>> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Object[] arguments = args == null ? new Object[0] : args;
            Function<Object[], Object> answer = answers.get(method.getName());
            if (answer != null) {
                return answer.apply(arguments);
            }
            return switch (method.getName()) {
                case "toString" -> "fake " + type.getSimpleName();
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == arguments[0];
                default -> throw new UnsupportedOperationException("fake " + type.getSimpleName() + " has no " + method.getName());
            };
        }));
    }

    /** A finished call, as the library's future for it. */
    public static CompletableFuture<Void> done() {
        return CompletableFuture.completedFuture(null);
    }
}
