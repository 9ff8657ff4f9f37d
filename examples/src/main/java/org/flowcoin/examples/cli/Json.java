package org.flowcoin.examples.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON writer for CLI output: objects keep insertion order, strings are escaped.
 *
 * <pre>{@code
 * System.out.println(Json.object().put("hrp", "fl").put("version", 0).toJson());
 * }</pre>
 */
public final class Json {
    private Json() {}

    /** A new ordered JSON object. */
    public static Obj object() {
        return new Obj();
    }

    /** A new JSON array. */
    public static Arr array() {
        return new Arr();
    }

    /** An ordered JSON object under construction. */
    public static final class Obj {
        private final Map<String, Object> fields = new LinkedHashMap<>();

        /** Adds a field: String, Number, Boolean, null, Obj, Arr, or a List/Map of those. */
        public Obj put(String name, Object value) {
            fields.put(name, value);
            return this;
        }

        public String toJson() {
            StringBuilder sb = new StringBuilder();
            write(sb, this);
            return sb.toString();
        }

        @Override
        public String toString() {
            return toJson();
        }
    }

    /** A JSON array under construction. */
    public static final class Arr {
        private final List<Object> items = new ArrayList<>();

        public Arr add(Object value) {
            items.add(value);
            return this;
        }

        public String toJson() {
            StringBuilder sb = new StringBuilder();
            write(sb, this);
            return sb.toString();
        }

        @Override
        public String toString() {
            return toJson();
        }
    }

    private static void write(StringBuilder sb, Object v) {
        switch (v) {
            case null -> sb.append("null");
            case String s -> quote(sb, s);
            case Boolean b -> sb.append(b);
            case Float f -> number(sb, f.isNaN() || f.isInfinite() ? null : Float.toString(f));
            case Double d -> number(sb, d.isNaN() || d.isInfinite() ? null : Double.toString(d));
            case Number n -> sb.append(n);
            case Obj o -> writeMap(sb, o.fields);
            case Arr a -> writeList(sb, a.items);
            case Map<?, ?> m -> writeMap(sb, m);
            case List<?> l -> writeList(sb, l);
            default -> quote(sb, v.toString());
        }
    }

    private static void number(StringBuilder sb, String s) {
        sb.append(s == null ? "null" : s);
    }

    private static void writeMap(StringBuilder sb, Map<?, ?> m) {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!first) sb.append(',');
            first = false;
            quote(sb, String.valueOf(e.getKey()));
            sb.append(':');
            write(sb, e.getValue());
        }
        sb.append('}');
    }

    private static void writeList(StringBuilder sb, List<?> l) {
        sb.append('[');
        for (int i = 0; i < l.size(); i++) {
            if (i > 0) sb.append(',');
            write(sb, l.get(i));
        }
        sb.append(']');
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }
}
