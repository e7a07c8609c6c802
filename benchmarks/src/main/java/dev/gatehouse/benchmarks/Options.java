package dev.gatehouse.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/** A benchmark's {@code --name value} options over its defaults; anything else is refused rather than ignored. */
final class Options {
    private Options() {
    }

    /**
     * The defaults with the given options put over them.
     *
     * @throws Refused for an unknown option or one without a value (such as {@code --help})
     */
    static Map<String, String> parse(Map<String, String> defaults, String[] args) {
        Map<String, String> options = new LinkedHashMap<>(defaults);
        for (int i = 0; i < args.length; i += 2) {
            if (!options.containsKey(args[i]) || i + 1 == args.length) {
                throw new Refused((options.containsKey(args[i]) ? "no value for " : "unknown option ") + args[i]
                        + "; options and defaults: " + defaults);
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    /** The command line can't be used; its message says why and what can be given. */
    static final class Refused extends IllegalArgumentException {
        Refused(String message) {
            super(message);
        }
    }
}
