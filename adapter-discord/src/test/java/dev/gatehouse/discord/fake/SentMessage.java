package dev.gatehouse.discord.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A message the bot posted to a channel (e.g. a DM), as the fake stored it: ids, content and components. */
public record SentMessage(long id, long channelId, String content, JsonNode components) {

    /** A button on the message: its style, label, and custom id (or URL, for link buttons). */
    public record Button(int style, String label, Optional<String> customId, Optional<String> url) {
    }

    public List<Button> buttons() {
        List<Button> buttons = new ArrayList<>();
        for (JsonNode row : components) {
            for (JsonNode component : row.path("components")) {
                if (component.path("type").asInt() == 2) {
                    buttons.add(new Button(component.path("style").asInt(), component.path("label").asText(""),
                            Optional.ofNullable(component.get("custom_id")).map(JsonNode::asText),
                            Optional.ofNullable(component.get("url")).map(JsonNode::asText)));
                }
            }
        }
        return buttons;
    }
}
