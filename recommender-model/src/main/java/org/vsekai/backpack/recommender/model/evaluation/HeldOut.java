package org.vsekai.backpack.recommender.model.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.vsekai.backpack.recommender.model.matrix.Interaction;
import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;

/**
 * The held-out items per user, in the training matrix's indexes. Items unknown to training still count in a user's
 * relevant total (no model can rank them); users unknown to training cannot be asked and are counted apart.
 */
public final class HeldOut {

    /** One user's held-out items: the ones training knows (sorted indexes), and how many there are in all. */
    public record UserItems(int user, int[] knownItems, int relevantCount) {

        public boolean isRelevant(int item) {
            return Arrays.binarySearch(knownItems, item) >= 0;
        }
    }

    private final List<UserItems> users;
    private final int unknownUsers;

    private HeldOut(List<UserItems> users, int unknownUsers) {
        this.users = users;
        this.unknownUsers = unknownUsers;
    }

    public static HeldOut of(List<Interaction> test, InteractionMatrix train) {
        Map<String, Set<String>> byUser = new LinkedHashMap<>();
        for (Interaction interaction : test) {
            byUser.computeIfAbsent(interaction.userId(), user -> new HashSet<>()).add(interaction.itemId());
        }
        int unknownUsers = 0;
        List<UserItems> users = new ArrayList<>();
        for (Map.Entry<String, Set<String>> entry : byUser.entrySet()) {
            int user = train.users().indexOf(entry.getKey());
            if (user < 0) {
                unknownUsers++;
                continue;
            }
            int[] known = entry.getValue().stream().mapToInt(train.items()::indexOf).filter(i -> i >= 0).sorted()
                    .toArray();
            users.add(new UserItems(user, known, entry.getValue().size()));
        }
        return new HeldOut(List.copyOf(users), unknownUsers);
    }

    /** Users with at least one held-out item who are known to training. */
    public List<UserItems> users() {
        return users;
    }

    /** Users with held-out items but no training interaction (skipped). */
    public int unknownUsers() {
        return unknownUsers;
    }
}
