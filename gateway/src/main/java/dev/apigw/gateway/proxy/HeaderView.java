package dev.apigw.gateway.proxy;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;

/**
 * Read-only request headers seen through a filter: another set of headers without some names (in any
 * letter case) and with one header set to a value of its own, read through on every call — nothing is
 * copied. Rewriting a request's headers through Spring's request builder copies every header into a new
 * map (about 3 KB per request); the proxied request copies them once more as it leaves, so the one
 * rewrite every request gets can be a view instead.
 *
 * <p>Contract: {@link #of} checks its arguments; the view refuses every change
 * ({@link UnsupportedOperationException}); it reflects the underlying headers as they are when read.
 * Names are compared ignoring case, as HTTP does; a hidden name that is also the set one is set.
 */
public final class HeaderView extends AbstractMap<String, List<String>> implements MultiValueMap<String, String> {

    private final MultiValueMap<String, String> base;
    private final List<String> hidden;
    private final String setName;
    private final List<String> setValue;
    private final Entries entries = new Entries();

    private HeaderView(MultiValueMap<String, String> base, List<String> hidden, String setName, String setValue) {
        this.base = base;
        this.hidden = hidden;
        this.setName = setName;
        this.setValue = List.of(setValue);
    }

    /** {@code headers} without {@code hidden}, with {@code name} set to {@code value}; read-only. */
    public static HttpHeaders of(HttpHeaders headers, List<String> hidden, String name, String value) {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        return HttpHeaders.readOnlyHttpHeaders(
                new HeaderView(headers.asMultiValueMap(), List.copyOf(hidden), name, value));
    }

    @Override
    public @Nullable List<String> get(@Nullable Object key) {
        if (!(key instanceof String name)) {
            return null;
        }
        if (name.equalsIgnoreCase(setName)) {
            return setValue;
        }
        return isHidden(name) ? null : base.get(name);
    }

    @Override
    public boolean containsKey(@Nullable Object key) {
        return get(key) != null;
    }

    @Override
    public @Nullable String getFirst(String key) {
        List<String> values = get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public Set<Entry<String, List<String>>> entrySet() {
        return entries;
    }

    @Override
    public Map<String, String> toSingleValueMap() {
        Map<String, String> single = new LinkedHashMap<>();
        forEach((name, values) -> {
            if (!values.isEmpty()) {
                single.put(name, values.get(0));
            }
        });
        return single;
    }

    @Override
    public void add(String key, @Nullable String value) {
        throw readOnly();
    }

    @Override
    public void addAll(String key, List<? extends String> values) {
        throw readOnly();
    }

    @Override
    public void addAll(MultiValueMap<String, String> values) {
        throw readOnly();
    }

    @Override
    public void set(String key, @Nullable String value) {
        throw readOnly();
    }

    @Override
    public void setAll(Map<String, String> values) {
        throw readOnly();
    }

    @Override
    public @Nullable List<String> put(String key, List<String> value) {
        throw readOnly();
    }

    @Override
    public @Nullable List<String> remove(@Nullable Object key) {
        throw readOnly();
    }

    @Override
    public void clear() {
        throw readOnly();
    }

    private boolean isHidden(String name) {
        for (String each : hidden) {
            if (each.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** Shown: an underlying header that is neither hidden nor the set one. */
    private boolean isShown(String name) {
        return !name.equalsIgnoreCase(setName) && !isHidden(name);
    }

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("these request headers are read-only");
    }

    /** The underlying entries that are shown, then the set header. */
    private final class Entries extends AbstractSet<Entry<String, List<String>>> {

        @Override
        public Iterator<Entry<String, List<String>>> iterator() {
            Iterator<Entry<String, List<String>>> underlying = base.entrySet().iterator();
            return new Iterator<>() {
                private @Nullable Entry<String, List<String>> next = advance();
                private boolean setGiven;

                private @Nullable Entry<String, List<String>> advance() {
                    while (underlying.hasNext()) {
                        Entry<String, List<String>> candidate = underlying.next();
                        if (isShown(candidate.getKey())) {
                            return new SimpleImmutableEntry<>(candidate.getKey(), candidate.getValue());
                        }
                    }
                    return null;
                }

                @Override
                public boolean hasNext() {
                    return next != null || !setGiven;
                }

                @Override
                public Entry<String, List<String>> next() {
                    Entry<String, List<String>> current = next;
                    if (current != null) {
                        next = advance();
                        return current;
                    }
                    if (setGiven) {
                        throw new NoSuchElementException();
                    }
                    setGiven = true;
                    return new SimpleImmutableEntry<>(setName, setValue);
                }
            };
        }

        @Override
        public int size() {
            int shown = 1; // the set header
            for (String name : base.keySet()) {
                if (isShown(name)) {
                    shown++;
                }
            }
            return shown;
        }
    }
}
