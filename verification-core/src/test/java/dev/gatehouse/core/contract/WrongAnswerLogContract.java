package dev.gatehouse.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.WrongAnswer;
import dev.gatehouse.core.model.WrongAnswerGroup;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contract of {@code WrongAnswerLog}. */
public abstract class WrongAnswerLogContract extends StoreContract {

    private void wrong(TenantId tenant, long member, String answer, int secondsAfterT0) {
        stores.wrongAnswers().record(new WrongAnswer(tenant, new GuildId(111), new DiscordUserId(member), answer,
                T0.plusSeconds(secondsAfterT0)));
    }

    @Test
    void wrongAnswersAreGroupedByNormalisedFormWithCountsSpellingsAndTimes() {
        createTenants();
        wrong(TENANT, 1, "Forty One", 10);
        wrong(TENANT, 2, "forty-one!", 20);
        wrong(TENANT, 1, "Forty One", 30);
        wrong(TENANT, 3, "43", 40);
        wrong(OTHER_TENANT, 4, "forty one", 50);

        List<WrongAnswerGroup> top = stores.wrongAnswers().top(TENANT, 10);

        assertEquals(List.of(
                new WrongAnswerGroup("fortyone", 3, 2, List.of("Forty One", "forty-one!"), T0.plusSeconds(10), T0.plusSeconds(30)),
                new WrongAnswerGroup("43", 1, 1, List.of("43"), T0.plusSeconds(40), T0.plusSeconds(40))), top);
    }

    @Test
    void topIsOrderedByAttemptsThenLatestAndLimited() {
        createTenants();
        wrong(TENANT, 1, "a", 10);
        wrong(TENANT, 2, "b", 20);
        wrong(TENANT, 3, "b", 21);
        wrong(TENANT, 4, "c", 30);
        wrong(TENANT, 5, "d", 5);

        assertEquals(List.of("b", "c", "a"), stores.wrongAnswers().top(TENANT, 3).stream().map(WrongAnswerGroup::normalised).toList());
    }

    @Test
    void spellingsShowTheMostFrequentFive() {
        createTenants();
        String[] spellings = {"Blue", "blue", "BLUE", "b l u e", "blue.", "Blue!", "bLuE"};
        for (int i = 0; i < spellings.length; i++) {
            for (int times = 0; times <= i; times++) {
                wrong(TENANT, 100 + times, spellings[i], i * 10 + times);
            }
        }

        WrongAnswerGroup group = stores.wrongAnswers().top(TENANT, 1).get(0);

        assertEquals(28, group.attempts());
        assertEquals(7, group.distinctMembers());
        assertEquals(List.of("bLuE", "Blue!", "blue.", "b l u e", "BLUE"), group.spellings());
    }

    @Test
    void clearingDeletesOneTenantsLogOnly() {
        createTenants();
        wrong(TENANT, 1, "x", 1);
        wrong(TENANT, 2, "y", 2);
        wrong(OTHER_TENANT, 3, "z", 3);

        assertEquals(2, stores.wrongAnswers().clear(TENANT));

        assertEquals(List.of(), stores.wrongAnswers().top(TENANT, 10));
        assertEquals(1, stores.wrongAnswers().top(OTHER_TENANT, 10).size());
        assertEquals(0, stores.wrongAnswers().clear(TENANT));
    }

    @Test
    void answersAreStoredAsTypedButWithoutControlCharactersAndCappedInLength() {
        createTenants();
        wrong(TENANT, 1, "line\nbreak" + "z".repeat(500), 1);

        WrongAnswerGroup group = stores.wrongAnswers().top(TENANT, 1).get(0);

        assertEquals(("line break" + "z".repeat(500)).substring(0, WrongAnswer.MAX_LENGTH), group.spellings().get(0));
    }

    @Test
    void purgeDeletesOneTenantsAnswersGivenBeforeTheCutoffOnly() {
        createTenants();
        wrong(TENANT, 1, "41", 10);
        wrong(TENANT, 2, "41", 20);
        wrong(TENANT, 3, "43", 30);
        wrong(OTHER_TENANT, 4, "41", 10);

        assertEquals(2, stores.wrongAnswers().purgeBefore(TENANT, T0.plusSeconds(30)));

        assertEquals(List.of(new WrongAnswerGroup("43", 1, 1, List.of("43"), T0.plusSeconds(30), T0.plusSeconds(30))),
                stores.wrongAnswers().top(TENANT, 10));
        assertEquals(1, stores.wrongAnswers().top(OTHER_TENANT, 10).size());
    }
}
