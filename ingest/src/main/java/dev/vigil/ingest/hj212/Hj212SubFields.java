package dev.vigil.ingest.hj212;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The sub-fields of one pollutant in frame order, as the parser fills them: a read-only map over
 * one array of key-value pairs, a third of a {@code LinkedHashMap}'s size for the handful of
 * sub-fields an item has, and every frame carries several pollutants.
 *
 * <p>It behaves as an unmodifiable map to everyone else (equality, hash code and {@code toString}
 * are {@link AbstractMap}'s, so the same as a {@code LinkedHashMap} with the same entries); lookups
 * are linear, which beats hashing at this size.
 */
final class Hj212SubFields extends AbstractMap<String, String> {

    /** Keys at even indexes, each one's value after it. */
    private String[] pairs = new String[8];

    /**
     * Each value read as a number where the parser already did that (numeric sub-fields), else
     * null; the report mapper takes it from here instead of reading the text a second time.
     */
    private Double[] numbers = new Double[4];

    private int size;

    /** Sets a sub-field, keeping the position of its first occurrence; returns the old value. */
    String set(String key, String value) {
        return set(key, value, null);
    }

    /**
     * Sets a sub-field with its value read as a number ({@link Hj212Pollutant#toNumber}), or null
     * when it was not read as one; returns the old value.
     */
    String set(String key, String value, Double number) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        for (int i = 0; i < 2 * size; i += 2) {
            if (pairs[i].equals(key)) {
                String old = pairs[i + 1];
                pairs[i + 1] = value;
                numbers[i / 2] = number;
                return old;
            }
        }
        if (2 * size == pairs.length) {
            pairs = Arrays.copyOf(pairs, 2 * pairs.length);
            numbers = Arrays.copyOf(numbers, 2 * numbers.length);
        }
        pairs[2 * size] = key;
        pairs[2 * size + 1] = value;
        numbers[size] = number;
        size++;
        return null;
    }

    /** Returns the name of the sub-field at a position in frame order. */
    String keyAt(int index) {
        return pairs[2 * index];
    }

    /** Returns the text of the sub-field at a position in frame order. */
    String valueAt(int index) {
        return pairs[2 * index + 1];
    }

    /**
     * Returns the value at a position as a number when {@link #set(String, String, Double)} was
     * given one; null means "not read", not "no number".
     */
    Double numberAt(int index) {
        return numbers[index];
    }

    @Override
    public String get(Object key) {
        for (int i = 0; i < 2 * size; i += 2) {
            if (pairs[i].equals(key)) {
                return pairs[i + 1];
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null; // values are never null
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, String> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = 2 * next++;
                        return new SimpleImmutableEntry<>(pairs[i], pairs[i + 1]);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
