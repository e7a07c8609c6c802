package dev.gatehouse.discord;

import static dev.gatehouse.discord.ReplyFixtures.NOW;
import static dev.gatehouse.discord.ReplyFixtures.TENANT;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.WrongAnswerGroup;
import dev.gatehouse.core.port.in.ReviewWrongAnswers;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What admins read after /gatehouse answers. */
class AnswersSubcommandTest {
    @Test
    void theWrongAnswerListStaysWithinTheLimitAndSaysWhatWasLeftOut() {
        List<WrongAnswerGroup> groups = java.util.stream.IntStream.range(0, 25)
                .mapToObj(i -> new WrongAnswerGroup("x" + i, 30 - i, 1, java.util.stream.IntStream.range(0, 5)
                        .mapToObj(j -> "spelling " + j + " " + "y".repeat(90)).toList(), NOW, NOW))
                .toList();
        String list = AnswersSubcommand.reply(new ReviewWrongAnswers.WrongAnswerReport(TENANT, groups));
        assertTrue(list.length() <= CommonReplies.MAX_LENGTH, "length " + list.length());
        assertTrue(list.contains("**1.** 30 attempts by 1 member") && list.contains("more: ask for fewer with `limit`"), list);
        assertTrue(AnswersSubcommand.reply(new ReviewWrongAnswers.WrongAnswerReport(TENANT, List.of())).contains("No wrong answers"));
    }
}
