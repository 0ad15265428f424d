package org.talecamel.gates;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The names of the quality gates, and the keys that set them wherever they were set: a properties file or a suite
 * ({@code tale.gates.min-accuracy.tale-ep}), -D, or an environment variable ({@code TALE_GATES_MIN_ACCURACY_TALE_EP}).
 * A gate can be set for one model of the run too, for all its methods or one:
 * {@code tale.gates.min-accuracy.gpt-5-mini} and {@code tale.gates.min-accuracy.gpt-5-mini.tale-ep}
 * ({@code TALE_GATES_MIN_ACCURACY_GPT_5_MINI_TALE_EP}). A key that names no gate, or a method or model that is not in
 * the run, is refused: a gate dropped silently would let a build pass on a check nobody made.
 */
public final class GateKeys {

    public static final String PREFIX = "tale.gates.";
    public static final String ENV_PREFIX = "TALE_GATES_";
    public static final List<String> GATES = List.of("min-accuracy", "max-mean-output-tokens", "max-expense-usd",
            "min-token-reduction", "max-accuracy-drop");
    /** The one gate on the whole run rather than on each method. */
    static final String RUN_WIDE = "max-expense-usd";

    private GateKeys() {
    }

    /**
     * The gates set among {@code properties} (a file, a suite), each named as written.
     *
     * @param sourceOf the file a key was set in, for messages
     */
    public static List<GateSetting> fromProperties(Map<String, String> properties, Function<String, String> sourceOf,
                                                   List<String> methods) {
        return fromProperties(properties, sourceOf, methods, List.of());
    }

    /** As {@link #fromProperties(Map, Function, List)}, for a run of these models (their labels). */
    public static List<GateSetting> fromProperties(Map<String, String> properties, Function<String, String> sourceOf,
                                                   List<String> methods, List<String> models) {
        List<GateSetting> settings = new ArrayList<>();
        set(properties, PREFIX).forEach((key, value) -> settings.add(property(key, value, key, sourceOf.apply(key),
                methods, models)));
        return settings;
    }

    /** The gates set as JVM system properties ({@code -Dtale.gates.min-accuracy=90}). */
    public static List<GateSetting> fromSystemProperties(Map<String, String> properties, List<String> methods) {
        return fromSystemProperties(properties, methods, List.of());
    }

    public static List<GateSetting> fromSystemProperties(Map<String, String> properties, List<String> methods,
                                                         List<String> models) {
        List<GateSetting> settings = new ArrayList<>();
        set(properties, PREFIX).forEach((key, value) -> settings.add(property(key, value, "-D" + key, "", methods,
                models)));
        return settings;
    }

    /**
     * The gates set as environment variables. Camel finds {@code TALE_GATES_MIN_ACCURACY_TALE_EP} only when something
     * asks for {@code tale.gates.min-accuracy.tale-ep}, so every {@code TALE_GATES_*} variable is mapped back here: to a
     * gate, and to one of the run's methods written the same way (upper case, anything else than a letter or digit
     * as {@code _}).
     */
    public static List<GateSetting> fromEnvironment(Map<String, String> environment, List<String> methods) {
        return fromEnvironment(environment, methods, List.of());
    }

    public static List<GateSetting> fromEnvironment(Map<String, String> environment, List<String> methods,
                                                    List<String> models) {
        List<GateSetting> settings = new ArrayList<>();
        set(environment, ENV_PREFIX).forEach((name, value) -> settings.add(environment(name, value, methods, models)));
        return settings;
    }

    /** Whether a gate judges this method at all; a limit for every method leaves the others alone. */
    public static boolean judges(String gate, String method) {
        return whyNot(gate, method).isEmpty();
    }

    private static Optional<String> whyNot(String gate, String method) {
        return switch (gate) {
            case "min-accuracy", "max-accuracy-drop" -> method.equals("search")
                    ? Optional.of("search is not judged on accuracy: it answers only problems cot got right")
                    : Optional.empty();
            case "min-token-reduction" -> method.equals("cot")
                    ? Optional.of("cot is what the token reduction is measured against")
                    : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static GateSetting property(String key, String value, String written, String source, List<String> methods,
                                        List<String> models) {
        String shown = (source.isEmpty() ? "" : source + ": ") + written + "=" + value;
        String rest = key.substring(PREFIX.length());
        String gate = GATES.stream().filter(g -> rest.equals(g) || rest.startsWith(g + ".")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(shown + ": there is no such gate (the gates are "
                        + String.join(", ", GATES) + ", each optionally followed by . and a method"
                        + (models.isEmpty() ? "" : ", a model, or a model . method") + ")"));
        String scope = rest.equals(gate) ? "" : rest.substring(gate.length() + 1);
        String[] modelAndMethod = scopeOf(scope, methods, models, name -> name, ".");
        if (modelAndMethod == null) {
            throw new IllegalArgumentException(shown + ": " + scope + " is not a method of this run (its methods: "
                    + String.join(", ", methods) + ")" + (models.size() < 2 ? ""
                            : ", nor one of its models (" + String.join(", ", models) + "), nor a model's method ("
                                    + models.get(0) + "." + methods.get(0) + ")"));
        }
        return checked(new GateSetting(gate, modelAndMethod[0], modelAndMethod[1], value, written, source));
    }

    private static GateSetting environment(String name, String value, List<String> methods, List<String> models) {
        String shown = name + "=" + value;
        String rest = name.substring(ENV_PREFIX.length());
        String gate = GATES.stream().filter(g -> rest.equals(envForm(g)) || rest.startsWith(envForm(g) + "_")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(shown + ": there is no such gate (the gates are "
                        + GATES.stream().map(g -> ENV_PREFIX + envForm(g)).collect(Collectors.joining(", "))
                        + ", each optionally followed by _ and a method: " + ENV_PREFIX + "MIN_ACCURACY_TALE_EP)"));
        String scope = rest.equals(envForm(gate)) ? "" : rest.substring(envForm(gate).length() + 1);
        String[] modelAndMethod = scopeOf(scope, methods, models, GateKeys::envForm, "_");
        if (modelAndMethod == null) {
            throw new IllegalArgumentException(shown + ": " + scope + " is not a method of this run"
                    + " (its methods: " + methods.stream().map(m -> m + " as " + envForm(m))
                    .collect(Collectors.joining(", ")) + ")" + (models.size() < 2 ? "" : ", nor one of its models ("
                            + models.stream().map(m -> m + " as " + envForm(m)).collect(Collectors.joining(", "))
                            + "), nor a model's method (" + envForm(models.get(0)) + "_" + envForm(methods.get(0)) + ")"));
        }
        return checked(new GateSetting(gate, modelAndMethod[0], modelAndMethod[1], value, name, ""));
    }

    /**
     * The model and the method a key's last part names, each {@code ""} for all: a method, a model, or a model then a
     * method; null when it names none of the run's. Names are compared as {@code form} writes them.
     */
    private static String[] scopeOf(String scope, List<String> methods, List<String> models,
                                    Function<String, String> form, String separator) {
        if (scope.isEmpty()) {
            return new String[] {"", ""};
        }
        for (String method : methods) {
            if (form.apply(method).equals(scope)) {
                return new String[] {"", method};
            }
        }
        for (String model : models) {
            if (form.apply(model).equals(scope)) {
                return new String[] {model, ""};
            }
            for (String method : methods) {
                if ((form.apply(model) + separator + form.apply(method)).equals(scope)) {
                    return new String[] {model, method};
                }
            }
        }
        return null;
    }

    private static GateSetting checked(GateSetting setting) {
        if (setting.gate().equals(RUN_WIDE) && !(setting.method().isEmpty() && setting.model().isEmpty())) {
            throw new IllegalArgumentException(setting.shown() + ": " + RUN_WIDE
                    + " is the whole run's expense and takes no method" + (setting.model().isEmpty() ? "" : " or model"));
        }
        if (!setting.method().isEmpty()) {
            whyNot(setting.gate(), setting.method()).ifPresent(reason -> {
                throw new IllegalArgumentException(setting.shown() + ": " + reason);
            });
        }
        return setting;
    }

    /** The entries under {@code prefix} that are set (an empty value turns a gate off), sorted by name. */
    private static Map<String, String> set(Map<String, String> entries, String prefix) {
        Map<String, String> set = new TreeMap<>();
        entries.forEach((key, value) -> {
            if (key.startsWith(prefix) && value != null && !value.isBlank()) {
                set.put(key, value.strip());
            }
        });
        return set;
    }

    /** How a name is written in an environment variable: {@code tale-ep} as {@code TALE_EP}. */
    static String envForm(String name) {
        return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
