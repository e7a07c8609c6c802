package dev.gatehouse.discord;

import dev.gatehouse.core.model.ChannelId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.RoleId;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Discord markup in one place: escaping untrusted text (directory names, usernames, member-typed answers) so it can't
 * format, and the markup for mentions and timestamps. Mentions never ping: every message is sent with mentions off.
 */
final class Markdown {
    private static final Pattern MENTION = Pattern.compile("@(everyone|here|[!&]?[0-9]{17,20})");
    private static final String SPECIAL = "\\*_~`|>#-[]()<";

    private Markdown() {
    }

    /** Escapes Discord markdown in untrusted text; control characters become spaces. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(c -> {
            if (SPECIAL.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.appendCodePoint(Character.isISOControl(c) ? ' ' : c);
        });
        return out.toString();
    }

    /**
     * Member-typed text: escaped, and {@code @everyone}, {@code @here} and raw mention ids broken with a zero-width
     * space so they don't even look like mentions.
     */
    static String untrusted(String text) {
        return MENTION.matcher(escape(text)).replaceAll("@\u200B$1");
    }

    /** Text for inside an inline code span: backticks can't close it early. */
    static String code(String text) {
        return text.replace('`', '\'');
    }

    static String mention(DiscordUserId user) {
        return "<@" + user + ">";
    }

    static String roleMention(RoleId role) {
        return "<@&" + role + ">";
    }

    static String channelMention(ChannelId channel) {
        return "<#" + channel + ">";
    }

    /** A moment each reader sees in their own time zone. */
    static String timestamp(Instant at) {
        return "<t:" + at.getEpochSecond() + ":f>";
    }

    /** A relative moment ("3 hours ago"), shown in each reader's language. */
    static String relative(Instant at) {
        return "<t:" + at.getEpochSecond() + ":R>";
    }
}
