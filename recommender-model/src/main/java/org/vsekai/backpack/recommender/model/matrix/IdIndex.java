package org.vsekai.backpack.recommender.model.matrix;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Dense 0..n-1 indexes for external ids, in order of first appearance; immutable once built. */
public final class IdIndex {

    private final String[] ids;
    private final Map<String, Integer> indexes;

    private IdIndex(String[] ids, Map<String, Integer> indexes) {
        this.ids = ids;
        this.indexes = indexes;
    }

    /** Indexes the distinct ids in the order they first occur. */
    public static IdIndex of(Iterable<String> ids) {
        Map<String, Integer> indexes = new HashMap<>();
        for (String id : ids) {
            indexes.putIfAbsent(id, indexes.size());
        }
        String[] byIndex = new String[indexes.size()];
        indexes.forEach((id, index) -> byIndex[index] = id);
        return new IdIndex(byIndex, indexes);
    }

    public int size() {
        return ids.length;
    }

    /** The index of {@code id}, or -1 when it is not indexed. */
    public int indexOf(String id) {
        Integer index = indexes.get(id);
        return index == null ? -1 : index;
    }

    public String idOf(int index) {
        return ids[index];
    }

    public List<String> ids() {
        return Arrays.asList(ids.clone());
    }
}
