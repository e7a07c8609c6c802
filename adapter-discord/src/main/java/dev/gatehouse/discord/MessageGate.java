package dev.gatehouse.discord;

import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.port.in.GateMessages;
import dev.gatehouse.core.port.in.GateMessages.GateCommand;
import dev.gatehouse.core.port.in.GateMessages.GateDecision;
import java.util.Optional;
import org.javacord.api.entity.message.Message;
import org.javacord.api.entity.message.MessageAuthor;
import org.javacord.api.entity.message.MessageType;
import org.javacord.api.entity.server.Server;
import org.javacord.api.event.message.MessageCreateEvent;
import org.javacord.api.listener.message.MessageCreateListener;

/**
 * Deletes messages of unverified members in gated servers. The decision is the core's in-memory answer,
 * taken on the listener thread; the delete is asynchronous. Webhooks, system messages and the bot's own
 * messages pass; if the core fails, the message stays.
 */
final class MessageGate implements MessageCreateListener {
    private static final System.Logger LOG = System.getLogger(MessageGate.class.getName());

    private final GateMessages gate;

    MessageGate(GateMessages gate) {
        this.gate = gate;
    }

    @Override
    public void onMessageCreate(MessageCreateEvent event) {
        Optional<Server> server = event.getServer();
        MessageAuthor author = event.getMessageAuthor();
        Message message = event.getMessage();
        if (server.isEmpty() || author.isYourself() || author.isWebhook() || !author.isUser()
                || (message.getType() != MessageType.NORMAL && message.getType() != MessageType.REPLY)) {
            return;
        }
        GateDecision decision;
        try {
            decision = gate.decide(new GateCommand(new GuildId(server.get().getId()), new DiscordUserId(author.getId()),
                    author.isBotUser()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "message gate failed; keeping the message", e);
            return;
        }
        if (decision.deletes()) {
            message.delete("Gatehouse: the author is not verified").exceptionally(e -> {
                LOG.log(System.Logger.Level.WARNING, "could not delete a message of unverified member " + author.getId()
                        + " in server " + server.get().getId() + ": " + e.getMessage());
                return null;
            });
        }
    }
}
