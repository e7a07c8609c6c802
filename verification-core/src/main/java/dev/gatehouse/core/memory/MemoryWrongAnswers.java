package dev.gatehouse.core.memory;

import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.WrongAnswer;
import dev.gatehouse.core.model.WrongAnswerGroup;
import dev.gatehouse.core.port.out.WrongAnswerLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

final class MemoryWrongAnswers implements WrongAnswerLog {
    /** Code-point order, as SQL's {@code COLLATE "C"} on UTF-8 ({@link String#compareTo} compares UTF-16 units). */
    private static final Comparator<String> CODE_POINTS = (a, b) -> {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        return Arrays.compare(x, y);
    };

    /** Same order as the SQL store: most attempts, then latest, then normalised form. */
    static final Comparator<WrongAnswerGroup> ORDER = Comparator.comparingLong(WrongAnswerGroup::attempts).reversed()
            .thenComparing(WrongAnswerGroup::lastSeen, Comparator.reverseOrder())
            .thenComparing(WrongAnswerGroup::normalised, CODE_POINTS);

    private final MemoryTransactions tx;
    private final List<WrongAnswer> answers = new ArrayList<>();

    MemoryWrongAnswers(MemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void record(WrongAnswer answer) {
        tx.read(() -> {
            tx.write(() -> answers.add(answer), () -> answers.remove(answers.size() - 1));
            return null;
        });
    }

    @Override
    public List<WrongAnswerGroup> top(TenantId tenant, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        return tx.read(() -> answers.stream()
                .filter(a -> a.tenant().equals(tenant))
                .collect(Collectors.groupingBy(WrongAnswer::normalised))
                .entrySet().stream()
                .map(e -> group(e.getKey(), e.getValue()))
                .sorted(ORDER)
                .limit(limit)
                .toList());
    }

    private static WrongAnswerGroup group(String normalised, List<WrongAnswer> group) {
        Map<String, Long> bySpelling = group.stream().collect(Collectors.groupingBy(WrongAnswer::original, Collectors.counting()));
        List<String> spellings = bySpelling.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey(CODE_POINTS)))
                .limit(WrongAnswerGroup.MAX_SPELLINGS)
                .map(Map.Entry::getKey)
                .toList();
        long members = group.stream().map(WrongAnswer::member).distinct().count();
        return new WrongAnswerGroup(normalised, group.size(), members, spellings,
                group.stream().map(WrongAnswer::at).min(Comparator.naturalOrder()).orElseThrow(),
                group.stream().map(WrongAnswer::at).max(Comparator.naturalOrder()).orElseThrow());
    }

    @Override
    public long clear(TenantId tenant) {
        return tx.read(() -> {
            List<WrongAnswer> removed = answers.stream().filter(a -> a.tenant().equals(tenant)).toList();
            tx.write(() -> answers.removeAll(removed), () -> answers.addAll(removed));
            return (long) removed.size();
        });
    }

    @Override
    public long purgeBefore(TenantId tenant, Instant before) {
        return tx.read(() -> {
            List<WrongAnswer> removed = answers.stream().filter(a -> a.tenant().equals(tenant) && a.at().isBefore(before)).toList();
            tx.write(() -> answers.removeAll(removed), () -> answers.addAll(removed));
            return (long) removed.size();
        });
    }


    /** The wrong answers that match, oldest first. */
    List<WrongAnswer> matching(java.util.function.Predicate<WrongAnswer> which) {
        return tx.read(() -> answers.stream().filter(which).sorted(java.util.Comparator.comparing(WrongAnswer::at)).toList());
    }

    /** Deletes the wrong answers that match (undone with the transaction). */
    long removeMatching(java.util.function.Predicate<WrongAnswer> which) {
        return tx.read(() -> {
            List<WrongAnswer> removed = answers.stream().filter(which).toList();
            tx.write(() -> answers.removeAll(removed), () -> answers.addAll(removed));
            return (long) removed.size();
        });
    }
}
