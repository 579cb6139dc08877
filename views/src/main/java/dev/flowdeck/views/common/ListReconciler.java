package dev.flowdeck.views.common;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javafx.collections.ObservableList;

/**
 * Brings an observable list up to date with a fresh snapshot while touching only what changed, so a live refresh
 * keeps the operator's selection, scroll position and expanded tree nodes.
 */
public final class ListReconciler {

    private ListReconciler() {
    }

    /**
     * Makes {@code target} equal to {@code fresh}. Elements with the same key are replaced in place when they
     * differ, missing ones removed, new ones inserted at their position. Must run on the thread that owns
     * {@code target} (the FX thread for anything a view shows).
     */
    public static <T, K> void reconcile(ObservableList<T> target, List<T> fresh, Function<T, K> key) {
        Map<K, T> wanted = new HashMap<>();
        fresh.forEach(item -> wanted.put(key.apply(item), item));
        target.removeIf(item -> !wanted.containsKey(key.apply(item)));
        for (int i = 0; i < fresh.size(); i++) {
            T item = fresh.get(i);
            if (i < target.size() && Objects.equals(key.apply(target.get(i)), key.apply(item))) {
                if (!target.get(i).equals(item)) {
                    target.set(i, item);
                }
            } else {
                int existing = indexOf(target, key.apply(item), key, i);
                if (existing >= 0) {
                    target.remove(existing);
                }
                target.add(i, item);
            }
        }
    }

    private static <T, K> int indexOf(List<T> list, K wanted, Function<T, K> key, int from) {
        for (int i = from; i < list.size(); i++) {
            if (Objects.equals(key.apply(list.get(i)), wanted)) {
                return i;
            }
        }
        return -1;
    }
}
