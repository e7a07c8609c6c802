package dev.gatehouse.discord.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A modal the client opened in answer to {@code opener}: its custom id, title and text inputs as the client
 * sent them. {@link #submit} fills it in the way the Discord client does and pushes the MODAL_SUBMIT.
 */
public record FakeModal(FakeInteraction opener, String customId, String title, List<TextInput> inputs) {

    public FakeModal {
        inputs = List.copyOf(inputs);
    }

    /** A text input of the modal ({@code style} 1 short, 2 paragraph); {@code value} is the prefilled text. */
    public record TextInput(String customId, String label, int style, boolean required, Optional<Integer> minLength,
                            Optional<Integer> maxLength, Optional<String> value, Optional<String> placeholder) {
    }

    static FakeModal of(FakeInteraction opener, JsonNode data) {
        List<TextInput> inputs = new ArrayList<>();
        for (JsonNode row : data.path("components")) {
            for (JsonNode input : row.path("components")) {
                inputs.add(new TextInput(input.path("custom_id").asText(), input.path("label").asText(),
                        input.path("style").asInt(1), input.path("required").asBoolean(true),
                        input.has("min_length") ? Optional.of(input.get("min_length").asInt()) : Optional.empty(),
                        input.has("max_length") ? Optional.of(input.get("max_length").asInt()) : Optional.empty(),
                        input.hasNonNull("value") ? Optional.of(input.get("value").asText()) : Optional.empty(),
                        input.hasNonNull("placeholder") ? Optional.of(input.get("placeholder").asText()) : Optional.empty()));
            }
        }
        return new FakeModal(opener, data.path("custom_id").asText(), data.path("title").asText(), inputs);
    }

    /** The input with this custom id, if the modal has one. */
    public Optional<TextInput> input(String inputId) {
        return inputs.stream().filter(i -> i.customId().equals(inputId)).findFirst();
    }

    /**
     * The member fills in the modal and presses Submit: inputs not in {@code values} keep their prefilled text
     * (or stay empty). Like the Discord client, refuses to submit a required input left empty or text outside the
     * input's length bounds. Pushes a MODAL_SUBMIT from where the modal was opened.
     */
    public FakeInteraction submit(Map<String, String> values) {
        for (String key : values.keySet()) {
            if (input(key).isEmpty()) {
                throw new IllegalArgumentException("the modal has no input " + key + "; it has " + inputs);
            }
        }
        Map<String, String> submitted = new LinkedHashMap<>();
        for (TextInput input : inputs) {
            String value = values.getOrDefault(input.customId(), input.value().orElse(""));
            if (input.required() && value.isEmpty()) {
                throw new IllegalArgumentException("the Discord client won't submit with the required input "
                        + input.customId() + " empty");
            }
            if (!value.isEmpty() && (value.length() < input.minLength().orElse(0)
                    || value.length() > input.maxLength().orElse(4000))) {
                throw new IllegalArgumentException("the Discord client won't submit " + value.length()
                        + " characters in input " + input.customId());
            }
            submitted.put(input.customId(), value);
        }
        return opener.discord().submitModal(opener, customId, submitted);
    }
}
