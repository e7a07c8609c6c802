package dev.gatehouse.mail;

import dev.gatehouse.core.text.Languages;
import java.text.MessageFormat;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The built-in email's texts, from {@code dev/gatehouse/mail/messages[_<lang>].properties}: each key {@code k}
 * is the template placeholder {@code {{textK}}}, formatted with the same arguments for every text (see the bundle's
 * header). Thread-safe.
 */
final class MailTexts {
    static final String BUNDLE = "dev.gatehouse.mail.messages";
    /** The arguments every text is formatted with, in order. */
    static final List<String> ARGUMENTS = List.of("recipientName", "tenantName", "discordUsername", "discordUserId",
            "guildName", "expiresAt", "expiresIn", "recipientAddress");

    private MailTexts() {
    }

    static ResourceBundle bundle(Locale language) {
        return ResourceBundle.getBundle(BUNDLE, Languages.orEnglish(language),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** {@code {{textGreeting}}} and the like: one per key of the English bundle (the language tag is {{language}}). */
    static Set<String> placeholders() {
        return Collections.list(bundle(Locale.ENGLISH).getKeys()).stream().filter(k -> !k.equals("language"))
                .map(MailTexts::placeholder).collect(Collectors.toUnmodifiableSet());
    }

    static String placeholder(String key) {
        return "text" + Character.toUpperCase(key.charAt(0)) + key.substring(1);
    }

    /** Every text of {@code language}, formatted with {@code values}, by placeholder name. */
    static Map<String, String> texts(Locale language, Map<String, String> values) {
        ResourceBundle bundle = bundle(language);
        Object[] arguments = ARGUMENTS.stream().map(values::get).toArray();
        Map<String, String> texts = new HashMap<>();
        for (String key : Collections.list(bundle.getKeys())) {
            if (!key.equals("language")) {
                texts.put(placeholder(key), new MessageFormat(bundle.getString(key), bundle.getLocale()).format(arguments));
            }
        }
        return texts;
    }
}
