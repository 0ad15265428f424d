package org.talecamel.problems;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The language of a problem's prompt templates: field {@code language}, {@code en} (the default) or {@code zh}. */
public enum Language {
    EN,
    ZH;

    /** As written in a problem file: {@code en}, {@code zh}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The ids of every language, {@code en, zh}. */
    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(Language::id).toList());
    }

    /** The language a field names, in any case and with spaces around; empty for an unknown one. */
    public static Optional<Language> of(String text) {
        return Arrays.stream(values()).filter(language -> language.id().equalsIgnoreCase(text.strip())).findFirst();
    }
}
