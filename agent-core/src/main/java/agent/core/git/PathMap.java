package agent.core.git;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * An immutable map from path to value that shares structure with the map it was made from: {@link
 * #put} and {@link #remove} copy only the nodes on the key's way down (a few 16-slot arrays), so a
 * commit's map of files costs what the commit changed, not what the tree holds. A hash trie: each
 * level takes 4 bits of the key's hash; keys whose 32-bit hashes are equal share a collision node at
 * the bottom. Thread-safe, as any immutable value.
 */
final class PathMap<V> {
  private static final int BITS = 4;
  private static final int WIDTH = 1 << BITS;

  private static final PathMap<?> EMPTY = new PathMap<>(null, 0);

  /** A node: an {@code Object[WIDTH]} of null, {@link Entry}, {@link Collision} or node. */
  private final Object[] root;
  private final int size;

  private PathMap(Object[] root, int size) {
    this.root = root;
    this.size = size;
  }

  @SuppressWarnings("unchecked")
  static <V> PathMap<V> empty() {
    return (PathMap<V>) EMPTY;
  }

  int size() {
    return size;
  }

  V get(String key) {
    int h = key.hashCode();
    Object[] node = root;
    for (int shift = 0; node != null; shift += BITS) {
      Object slot = node[(h >>> shift) & (WIDTH - 1)];
      if (slot instanceof Entry<?> e) {
        return e.key.equals(key) ? cast(e.value) : null;
      }
      if (slot instanceof Collision<?> c) {
        return cast(c.get(key));
      }
      node = (Object[]) slot;
    }
    return null;
  }

  /** This map with {@code key} mapped to {@code value} (not null). */
  PathMap<V> put(String key, V value) {
    Objects.requireNonNull(value, "value");
    int[] grew = new int[1];
    Object[] r = put(root == null ? new Object[WIDTH] : root, 0, new Entry<>(key, key.hashCode(), value), grew);
    return new PathMap<>(r, size + grew[0]);
  }

  /** This map without {@code key}. */
  PathMap<V> remove(String key) {
    if (root == null || get(key) == null) {
      return this;
    }
    Object[] r = remove(root, 0, key, key.hashCode());
    return size == 1 ? empty() : new PathMap<>(r, size - 1);
  }

  /** Calls {@code f} for each entry, in no particular order. */
  void forEach(BiConsumer<String, V> f) {
    if (root != null) {
      forEach(root, f);
    }
  }

  private static Object[] put(Object[] node, int shift, Entry<?> e, int[] grew) {
    Object[] copy = node.clone();
    int i = (e.hash >>> shift) & (WIDTH - 1);
    Object slot = node[i];
    if (slot == null) {
      copy[i] = e;
      grew[0] = 1;
    } else if (slot instanceof Entry<?> old) {
      if (old.key.equals(e.key)) {
        copy[i] = e;
      } else if (old.hash == e.hash) {
        copy[i] = new Collision(new Entry<?>[] {old, e});
        grew[0] = 1;
      } else {
        // Two keys meet here: push the old one a level down and try again there.
        Object[] child = new Object[WIDTH];
        child[(old.hash >>> (shift + BITS)) & (WIDTH - 1)] = old;
        copy[i] = put(child, shift + BITS, e, grew);
      }
    } else if (slot instanceof Collision<?> c) {
      if (c.hash() == e.hash) {
        copy[i] = c.with(e, grew);
      } else {
        Object[] child = new Object[WIDTH];
        child[(c.hash() >>> (shift + BITS)) & (WIDTH - 1)] = c;
        copy[i] = put(child, shift + BITS, e, grew);
      }
    } else {
      copy[i] = put((Object[]) slot, shift + BITS, e, grew);
    }
    return copy;
  }

  private static Object[] remove(Object[] node, int shift, String key, int hash) {
    Object[] copy = node.clone();
    int i = (hash >>> shift) & (WIDTH - 1);
    Object slot = node[i];
    if (slot instanceof Entry<?>) {
      copy[i] = null;
    } else if (slot instanceof Collision<?> c) {
      copy[i] = c.without(key);
    } else {
      Object[] child = remove((Object[]) slot, shift + BITS, key, hash);
      // A child left with one entry (and no deeper nodes) folds back into this slot.
      Object only = null;
      int count = 0;
      for (Object o : child) {
        if (o != null) {
          count++;
          only = o;
        }
      }
      copy[i] = count == 0 ? null : count == 1 && !(only instanceof Object[]) ? only : child;
    }
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static <V> void forEach(Object[] node, BiConsumer<String, V> f) {
    for (Object slot : node) {
      if (slot instanceof Entry<?> e) {
        f.accept(e.key, (V) e.value);
      } else if (slot instanceof Collision<?> c) {
        for (Entry<?> e : c.entries) {
          f.accept(e.key, (V) e.value);
        }
      } else if (slot != null) {
        forEach((Object[]) slot, f);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <V> V cast(Object o) {
    return (V) o;
  }

  private record Entry<V>(String key, int hash, V value) {}

  /** Keys with one hash; never fewer than two. */
  private record Collision<V>(Entry<?>[] entries) {
    int hash() {
      return entries[0].hash;
    }

    Object get(String key) {
      for (Entry<?> e : entries) {
        if (e.key.equals(key)) {
          return e.value;
        }
      }
      return null;
    }

    Collision<?> with(Entry<?> e, int[] grew) {
      for (int i = 0; i < entries.length; i++) {
        if (entries[i].key.equals(e.key)) {
          Entry<?>[] copy = entries.clone();
          copy[i] = e;
          return new Collision<>(copy);
        }
      }
      grew[0] = 1;
      Entry<?>[] copy = Arrays.copyOf(entries, entries.length + 1);
      copy[entries.length] = e;
      return new Collision<>(copy);
    }

    Object without(String key) {
      Entry<?>[] rest = Arrays.stream(entries).filter(e -> !e.key.equals(key)).toArray(Entry<?>[]::new);
      return rest.length == 1 ? rest[0] : new Collision<>(rest);
    }
  }
}
