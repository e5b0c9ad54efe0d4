package org.speechforum.query.thread;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the nested tree a dashboard shows from the flat list of a thread's documents: each node is its summary
 * fields plus {@code children} (its replies, oldest first, ties by id so the order is stable). Documents filed
 * under the thread whose parent is not among them (a moment of inconsistency while a fragment is being moved)
 * are returned in {@link Tree#detached} instead of being lost.
 */
public final class ThreadTree {

    private ThreadTree() {
    }

    /** One document of the thread: the fields the node shows, plus what the tree needs to place it. */
    public record Item(String id, String parentId, Instant publishedAt, Map<String, Object> fields) {
    }

    public record Tree(Map<String, Object> root, List<Map<String, Object>> detached, int size) {
    }

    private static final Comparator<Item> ORDER = Comparator
            .comparing(Item::publishedAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Item::id);

    /** Null when the root itself is not among the items. */
    public static Tree build(String rootId, List<Item> items) {
        Map<String, Item> byId = new HashMap<>();
        for (Item item : items) {
            byId.put(item.id(), item);
        }
        Item rootItem = byId.get(rootId);
        if (rootItem == null) {
            return null;
        }
        Map<String, List<Item>> children = new HashMap<>();
        for (Item item : items) {
            if (!item.id().equals(rootId) && item.parentId() != null) {
                children.computeIfAbsent(item.parentId(), k -> new ArrayList<>()).add(item);
            }
        }
        children.values().forEach(list -> list.sort(ORDER));
        Map<String, Map<String, Object>> built = new HashMap<>();
        Map<String, Object> root = node(rootItem, children, built, 0);
        List<Map<String, Object>> detached = new ArrayList<>();
        items.stream().sorted(ORDER)
                .filter(i -> !built.containsKey(i.id()))
                .forEach(i -> {
                    if (!built.containsKey(i.id())) {
                        detached.add(node(i, children, built, 0));
                    }
                });
        return new Tree(root, detached, built.size());
    }

    /** The start of {@code text}, cut at a word boundary, at most {@code max} characters plus an ellipsis. */
    public static String excerpt(String text, int max) {
        if (text == null) {
            return null;
        }
        String flat = text.strip().replaceAll("\\s+", " ");
        if (flat.length() <= max) {
            return flat;
        }
        int cut = flat.lastIndexOf(' ', max);
        return flat.substring(0, cut > max / 2 ? cut : max).strip() + "…";
    }

    /**
     * The speech a thread is about: the most linked target among the thread's DISCUSSES and QUOTES links
     * (DISCUSSES counting double, ties to the first seen), or null when nothing links one.
     */
    public static String linkedSpeech(List<List<Map.Entry<String, String>>> linksPerNode) {
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (List<Map.Entry<String, String>> links : linksPerNode) {
            for (Map.Entry<String, String> link : links) {
                int weight = "DISCUSSES".equals(link.getKey()) ? 2 : "QUOTES".equals(link.getKey()) ? 1 : 0;
                if (weight > 0 && link.getValue() != null) {
                    votes.merge(link.getValue(), weight, Integer::sum);
                }
            }
        }
        String best = null;
        for (Map.Entry<String, Integer> v : votes.entrySet()) {
            if (best == null || v.getValue() > votes.get(best)) {
                best = v.getKey();
            }
        }
        return best;
    }

    private static Map<String, Object> node(Item item, Map<String, List<Item>> children,
                                            Map<String, Map<String, Object>> built, int depth) {
        Map<String, Object> node = new LinkedHashMap<>(item.fields());
        node.put("id", item.id());
        built.put(item.id(), node);
        List<Map<String, Object>> replies = new ArrayList<>();
        for (Item child : children.getOrDefault(item.id(), List.of())) {
            if (!built.containsKey(child.id())) {
                replies.add(node(child, children, built, depth + 1));
            }
        }
        node.put("children", replies);
        return node;
    }
}
