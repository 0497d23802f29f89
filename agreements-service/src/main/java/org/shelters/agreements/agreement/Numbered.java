package org.shelters.agreements.agreement;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A list whose items all have an id, and the highest generated number so far. Items sent without
 * an id get the next free {@code <prefix><n>} (L1, L2, … for commitment lines; W1, … for works);
 * ids already given are kept (logistics refers to them), and because {@code last} only grows, an
 * id removed by an amendment is never handed out again.
 */
public record Numbered<T>(List<T> items, int last) {

    public Numbered {
        items = List.copyOf(items);
    }

    /**
     * @param idOf   the item's id, null when it has none yet
     * @param withId the item with that id (and whatever normalising the item needs)
     */
    static <T> Numbered<T> number(List<T> items, int lastNumber, String prefix, Function<T, String> idOf,
                                  BiFunction<T, String, T> withId) {
        if (items == null) {
            return new Numbered<>(List.of(), lastNumber);
        }
        Set<String> taken = new HashSet<>();
        int last = lastNumber;
        for (T item : items) {
            String id = idOf.apply(item);
            if (id != null) {
                taken.add(id);
                last = Math.max(last, numberOf(id, prefix));
            }
        }
        List<T> numbered = new ArrayList<>(items.size());
        for (T item : items) {
            String id = idOf.apply(item);
            if (id == null) {
                do {
                    id = prefix + (++last);
                } while (taken.contains(id));
            }
            numbered.add(withId.apply(item, id));
        }
        return new Numbered<>(numbered, last);
    }

    private static int numberOf(String id, String prefix) {
        if (id.startsWith(prefix) && id.length() > prefix.length() && id.substring(prefix.length()).matches("\\d{1,9}")) {
            return Integer.parseInt(id.substring(prefix.length()));
        }
        return 0;
    }
}
