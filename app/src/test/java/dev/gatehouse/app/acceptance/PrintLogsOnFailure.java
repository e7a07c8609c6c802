package dev.gatehouse.app.acceptance;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestWatcher;

/** Prints the tail of every packaged app's log when a test or its set-up fails (the whole log stays under target/). */
public final class PrintLogsOnFailure implements TestWatcher, LifecycleMethodExecutionExceptionHandler {
    private static final int LINES = 150;

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        print(context.getDisplayName());
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        print(context.getDisplayName() + " (set-up)");
        throw throwable;
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        print(context.getDisplayName() + " (set-up)");
        throw throwable;
    }

    private static void print(String what) {
        for (PackagedApp app : PackagedApp.ALL) {
            System.err.println("===== " + what + " failed; last " + LINES + " lines of " + app.log() + " =====");
            System.err.println(app.logTail(LINES));
        }
    }
}
