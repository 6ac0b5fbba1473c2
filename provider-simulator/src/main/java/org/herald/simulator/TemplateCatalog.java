package org.herald.simulator;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The templates of the simulated WhatsApp Business Account: four approved HR utility templates
 * (one also in German) and one that review rejected.
 */
final class TemplateCatalog {

    private final List<Template> templates;
    private final Map<String, Template> byNameAndLanguage;

    TemplateCatalog(List<Template> templates) {
        this.templates = List.copyOf(templates);
        this.byNameAndLanguage = this.templates.stream()
                .collect(Collectors.toUnmodifiableMap(
                        template -> key(template.name(), template.language()),
                        Function.identity()));
    }

    static TemplateCatalog seeded() {
        return new TemplateCatalog(List.of(
                approved("771204556310021", "hr_announcement", "en_US",
                        "Hello {{1}}, HR has a new announcement for you: {{2}}"),
                approved("771204556310022", "hr_announcement", "de_DE",
                        "Hallo {{1}}, die Personalabteilung hat eine neue Mitteilung"
                                + " für Sie: {{2}}"),
                approved("771204556310023", "office_closure", "en_US",
                        "Hi {{1}}, the {{2}} office will be closed on {{3}}."
                                + " Please plan your work accordingly."),
                approved("771204556310024", "policy_update", "en_US",
                        "Hello {{1}}, the {{2}} policy has been updated."
                                + " Please read it on the HR portal."),
                approved("771204556310025", "benefits_enrollment", "en_US",
                        "Hi {{1}}, benefits enrollment is open until {{2}}."
                                + " Make your choices on the HR portal."),
                new Template("771204556310026", "payday_bonus_offer", "en_US", "REJECTED",
                        "MARKETING", "Hi {{1}}, claim your exclusive payday bonus now!")));
    }

    List<Template> all() {
        return templates;
    }

    /** The template in exactly this language, or null. */
    Template find(String name, String language) {
        return byNameAndLanguage.get(key(name, language));
    }

    private static Template approved(String id, String name, String language, String body) {
        return new Template(id, name, language, "APPROVED", "UTILITY", body);
    }

    private static String key(String name, String language) {
        return name + '\u0000' + language;
    }
}
