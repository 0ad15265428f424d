package org.talecamel.problems;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The reference implementation's template family a problem is asked with: field {@code template}. Each exists in
 * the languages the reference has templates for.
 */
public enum Template {
    /** GSM8K's templates, {@code [[answer]]}: the default for a problem without choices. */
    GSM8K(false, EnumSet.of(Language.EN)),
    /** MathBench's cloze templates (primary, arithmetic). */
    CLOZE(false, EnumSet.of(Language.EN, Language.ZH)),
    /** MathBench's single-choice templates, {@code [[choice]]}: the default for a problem with choices. */
    CHOICE(true, EnumSet.of(Language.EN, Language.ZH)),
    /** GPQA's templates, single choice. */
    GPQA(true, EnumSet.of(Language.EN));

    private final boolean withChoices;
    private final Set<Language> languages;

    Template(boolean withChoices, Set<Language> languages) {
        this.withChoices = withChoices;
        this.languages = languages;
    }

    /** As written in a problem file: {@code gsm8k}, {@code cloze}, {@code choice}, {@code gpqa}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the single-choice families, whose problems must have choices. */
    public boolean withChoices() {
        return withChoices;
    }

    /** The template a field names, in any case and with spaces around; empty for an unknown one. */
    public static Optional<Template> of(String text) {
        return Arrays.stream(values()).filter(template -> template.id().equalsIgnoreCase(text.strip())).findFirst();
    }

    /** {@code choice} for a problem with choices, {@code gsm8k} for any other. */
    public static Template defaultFor(List<String> choices) {
        return choices.isEmpty() ? GSM8K : CHOICE;
    }

    /** Why a problem cannot be asked with this template, in this language, with or without choices; null if it can. */
    public String misfit(Language language, boolean hasChoices) {
        if (withChoices != hasChoices) {
            return "template '" + id() + "' " + (withChoices ? "needs" : "takes no") + " field 'choices'; "
                    + (hasChoices ? "with" : "without") + " choices use template " + ids(hasChoices);
        }
        if (!languages.contains(language)) {
            return "field 'language' must be " + String.join(" or ", languages.stream().map(Language::id).toList())
                    + " with template '" + id() + "', found '" + language.id() + "': the reference implementation has no '"
                    + language.id() + "' " + id() + " template";
        }
        return null;
    }

    /** The ids of every template, {@code gsm8k, cloze, choice, gpqa}. */
    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(Template::id).toList());
    }

    private static String ids(boolean withChoices) {
        return String.join(" or ", Arrays.stream(values()).filter(t -> t.withChoices == withChoices).map(Template::id).toList());
    }
}
