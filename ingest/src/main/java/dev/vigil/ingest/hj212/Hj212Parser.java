package dev.vigil.ingest.hj212;

import dev.vigil.ingest.hj212.DecodeFailure.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an HJ 212 data segment into an {@link Hj212Message}; stateless and thread-safe, so one
 * instance serves every connection.
 *
 * <p>It reads key=value pairs, never positions: header keys may come in any order and CP items are
 * split on {@code ;} and {@code ,}, with {@code -} between code and sub-field. What real devices
 * get wrong is accepted and described in the message's warnings: over-long fields, NUL bytes inside
 * fields (removed), duplicate keys (the last wins), values that should be numbers but are not (kept
 * as text). A stray {@code ;} before the closing {@code &&} is tolerated silently. Only a missing
 * MN or CN makes the segment unusable; bad input never throws.
 */
public final class Hj212Parser {

    /**
     * The header keys the standard defines and then CP; a key's index is its slot in the parse's
     * header array, so a frame's header needs no map and no string per key.
     */
    private static final String[] HEADER_KEYS = {
        "QN", "ST", "CN", "PW", "MN", "Flag", "PNUM", "PNO", "CP"
    };

    private static final int QN = 0;
    private static final int ST = 1;
    private static final int CN = 2;
    private static final int PW = 3;
    private static final int MN = 4;
    private static final int FLAG = 5;
    private static final int PNUM = 6;
    private static final int PNO = 7;
    private static final int CP = 8;

    /** Standard maximum lengths of the header fields before CP, key and {@code =} included. */
    private static final int[] MAX_LENGTH = {20, 5, 7, 9, 27, 8, 9, 8};

    private static final int MAX_CP_LENGTH = 950;

    /** Sub-field names real frames carry; each item's sub-field reuses one of these strings. */
    private static final List<String> SUB_FIELDS =
            List.of(
                    "Rtd",
                    "Flag",
                    "Avg",
                    "Min",
                    "Max",
                    "Cou",
                    "ZsRtd",
                    "ZsAvg",
                    "ZsMin",
                    "ZsMax",
                    "EFlag",
                    "SampleTime",
                    "RS",
                    "RT",
                    "Ala",
                    "ZsCou",
                    "UpValue",
                    "LowValue");

    /**
     * {@link #SUB_FIELDS} by {@link #subFieldSlot}, so a name is found with one comparison; no two
     * of them share a slot (checked below).
     */
    private static final String[] SUB_FIELD_SLOTS = new String[32];

    static {
        for (String name : SUB_FIELDS) {
            int slot = subFieldSlot(name.charAt(0), name.charAt(name.length() - 1), name.length());
            if (SUB_FIELD_SLOTS[slot] != null) {
                throw new IllegalStateException(
                        name + " and " + SUB_FIELD_SLOTS[slot] + " collide");
            }
            SUB_FIELD_SLOTS[slot] = name;
        }
    }

    /** {@link Hj212Pollutant#isNumeric} of each name in {@link #SUB_FIELD_SLOTS}, by slot. */
    private static final boolean[] SUB_FIELD_NUMERIC = new boolean[SUB_FIELD_SLOTS.length];

    static {
        for (int slot = 0; slot < SUB_FIELD_SLOTS.length; slot++) {
            SUB_FIELD_NUMERIC[slot] =
                    SUB_FIELD_SLOTS[slot] != null
                            && Hj212Pollutant.isNumeric(SUB_FIELD_SLOTS[slot]);
        }
    }

    /** Every one-character ASCII string, for {@code Parse.value}. */
    private static final String[] ONE_CHARACTER = new String[128];

    static {
        for (char c = 0; c < ONE_CHARACTER.length; c++) {
            ONE_CHARACTER[c] = String.valueOf(c);
        }
    }

    private static int subFieldSlot(char first, char last, int length) {
        return (first * 5 + last * 2 + length) & 31;
    }

    /**
     * {@link Hj212Pollutant#isNumeric} of a non-empty sub-field name, from a table for the shared
     * constants that {@code Parse.subField} returns for known names.
     */
    private static boolean isNumeric(String subField) {
        int slot =
                subFieldSlot(
                        subField.charAt(0),
                        subField.charAt(subField.length() - 1),
                        subField.length());
        return SUB_FIELD_SLOTS[slot] == subField
                ? SUB_FIELD_NUMERIC[slot]
                : Hj212Pollutant.isNumeric(subField);
    }

    /** Parses the data segment of a decoded frame, carrying its anomalies over as warnings. */
    public Hj212ParseResult parse(Hj212Frame frame) {
        return new Parse(frame.dataSegment(), frame.raw(), frame.offset(), frame.anomalies()).run();
    }

    /** Parses a data segment given as text (tests, tools); failures carry its UTF-8 bytes. */
    public Hj212ParseResult parse(String dataSegment) {
        return new Parse(dataSegment, dataSegment.getBytes(StandardCharsets.UTF_8), 0, Set.of())
                .run();
    }

    /** The state of parsing one segment. */
    private static final class Parse {
        private final String s;
        private final byte[] raw;
        private final long offset;
        private final boolean hasNul;
        private final List<String> warnings = new ArrayList<>(2);

        /** Header values by their index in {@link #HEADER_KEYS}; CP holds "" once it was read. */
        private final String[] header = new String[HEADER_KEYS.length];

        private final Map<String, Hj212Pollutant> pollutants = new LinkedHashMap<>();
        private final Map<String, String> fields = new LinkedHashMap<>();

        /** The code of the last pollutant item and its sub-fields, for the next item's code. */
        private String lastCode;

        private Hj212SubFields lastValues;

        /** What {@link #scanItem} found in the item it went over last. */
        private int itemEq;

        private int itemDash;

        /** The value read as a plain decimal, or NaN when it is left to {@code toNumber}. */
        private double itemValue;

        Parse(String segment, byte[] raw, long offset, Set<Hj212Frame.Anomaly> anomalies) {
            this.s = segment;
            this.raw = raw;
            this.offset = offset;
            this.hasNul = segment.indexOf('\0') >= 0;
            for (Hj212Frame.Anomaly anomaly : anomalies) {
                warnings.add(anomaly.description());
            }
            if (segment.indexOf('\uFFFD') >= 0) {
                warnings.add("data segment is not valid UTF-8");
            }
        }

        Hj212ParseResult run() {
            readHeader();
            String mn = header[MN];
            if (mn == null || mn.isEmpty()) {
                return fail(
                        Reason.MISSING_MN,
                        mn == null ? "MN (device id) is missing" : "MN (device id) is empty");
            }
            String cn = header[CN];
            if (cn == null || cn.isEmpty()) {
                return fail(
                        Reason.MISSING_CN,
                        cn == null ? "CN (command code) is missing" : "CN (command code) is empty");
            }
            checkForm("CN", cn, 4);
            String qn = header[QN];
            if (qn != null) {
                checkForm("QN", qn, 17);
            }
            Integer flag = number(FLAG);
            Integer packetCount = number(PNUM);
            Integer packetNumber = number(PNO);
            checkSplit(flag, packetCount, packetNumber);
            Hj212Version protocol = protocol(flag, mn);
            Instant dataTime = dataTime();
            return Hj212ParseResult.parsed(
                    new Hj212Message(
                            protocol,
                            qn,
                            emptyToNull(header[ST]),
                            cn,
                            header[PW],
                            mn,
                            flag,
                            packetCount,
                            packetNumber,
                            dataTime,
                            pollutants(),
                            Collections.unmodifiableMap(fields),
                            Collections.unmodifiableList(warnings)));
        }

        private void readHeader() {
            int n = s.length();
            int i = 0;
            while (i < n) {
                int semi = s.indexOf(';', i);
                if (semi < 0) {
                    semi = n;
                }
                int eq = s.indexOf('=', i);
                if (eq < 0 || eq > semi) {
                    if (semi > i) {
                        warnings.add("header item at character " + i + " has no '=' (ignored)");
                    }
                    i = semi + 1;
                } else if (eq - i == 2 && s.startsWith("CP", i)) {
                    i = readCp(i, eq + 1);
                } else {
                    headerField(headerKey(i, eq), s.substring(eq + 1, semi));
                    i = semi + 1;
                }
            }
            if (header[CP] == null) {
                warnings.add("CP is missing");
            }
        }

        /** Reads {@code CP=&&...&&} whose value starts at {@code from}; returns where to go on. */
        private int readCp(int keyStart, int from) {
            int n = s.length();
            if (header[CP] != null) {
                warnings.add("duplicate header key CP, items are merged");
            }
            header[CP] = "";
            int bodyStart;
            int bodyEnd;
            int next;
            if (s.startsWith("&&", from)) {
                bodyStart = from + 2;
                bodyEnd = s.indexOf("&&", bodyStart);
                if (bodyEnd < 0) {
                    warnings.add("CP is not closed by '&&'");
                    bodyEnd = n;
                    next = n;
                } else {
                    next = bodyEnd + 2;
                }
            } else {
                warnings.add("CP does not start with '&&'");
                bodyStart = from;
                bodyEnd = s.endsWith("&&") && n - 2 >= from ? n - 2 : n;
                next = n;
            }
            if (next - keyStart > MAX_CP_LENGTH) {
                warnings.add(
                        "CP has "
                                + (next - keyStart)
                                + " characters, the standard allows "
                                + MAX_CP_LENGTH);
            }
            readCpItems(bodyStart, bodyEnd);
            if (next < n && s.charAt(next) == ';') {
                next++;
            }
            return next;
        }

        private void readCpItems(int from, int to) {
            int i = from;
            while (i < to) {
                int end = scanItem(i, to);
                if (end > i) {
                    cpItem(i, end);
                }
                i = end + 1;
            }
        }

        /**
         * Goes once over the CP item at {@code from}: returns where it ends (the next {@code ;} or
         * {@code ,}, else {@code to}) and leaves its first {@code =} in {@link #itemEq}, the first
         * {@code -} in front of that in {@link #itemDash}, and its value read as a plain decimal,
         * the way {@link Hj212Pollutant#toNumber} reads one, in {@link #itemValue}. Finding {@code
         * =} and {@code -} with {@code indexOf} and reading the number in {@code toNumber} went
         * over every item three more times.
         */
        private int scanItem(int from, int to) {
            itemEq = -1;
            itemDash = -1;
            itemValue = Double.NaN;
            int i = from;
            for (; i < to; i++) {
                char c = s.charAt(i);
                if (c == '=') {
                    itemEq = i;
                    break;
                }
                if (c == ';' || c == ',') {
                    return i;
                }
                if (c == '-' && itemDash < 0) {
                    itemDash = i;
                }
            }
            if (i == to) {
                return to;
            }
            i++;
            boolean negative = false;
            if (i < to && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                negative = s.charAt(i) == '-';
                i++;
            }
            long digits = 0;
            int count = 0;
            int point = -1;
            for (; i < to; i++) {
                char c = s.charAt(i);
                int digit = c - '0';
                if (digit >= 0 && digit <= 9) {
                    digits = digits * 10 + digit;
                    count++;
                } else if (c == '.' && point < 0) {
                    point = count;
                } else {
                    break;
                }
            }
            if (i < to && s.charAt(i) != ';' && s.charAt(i) != ',') {
                // not a plain decimal: find the item's end
                for (i++; i < to && s.charAt(i) != ';' && s.charAt(i) != ','; i++) {}
                return i;
            }
            itemValue = Hj212Pollutant.plainDecimal(digits, count, point, negative);
            return i;
        }

        /**
         * Returns the value of the item {@link #scanItem} went over last as {@link
         * Hj212Pollutant#toNumber} reads its text {@code value}.
         */
        private Double itemNumber(String value) {
            if (Double.isNaN(itemValue)) {
                return Hj212Pollutant.toNumber(value); // null for text that is not a number
            }
            return itemValue;
        }

        private void cpItem(int from, int to) {
            int eq = itemEq;
            if (eq < 0 || eq == from) {
                warnings.add("CP item at character " + from + " has no key=value (ignored)");
                return;
            }
            if (hasNul) {
                cpItemWithNul(from, eq, to);
                return;
            }
            // Without NUL bytes the key is s[from, eq) as it stands: read code and sub-field from
            // the segment, without a string for the whole key.
            String value = value(eq + 1, to);
            int dash = itemDash;
            if (dash <= from || dash == eq - 1) {
                String key = s.substring(from, eq);
                if (dash >= 0) {
                    warnings.add("CP key " + key + " is not code-subfield, kept as a field");
                }
                if (fields.put(key, value) != null) {
                    warnings.add("duplicate CP key " + key + ", the last value wins");
                }
                return;
            }
            String subField = subField(dash + 1, eq);
            Hj212SubFields values;
            if (lastCode != null
                    && lastCode.length() == dash - from
                    && matches(s, from, lastCode)) {
                values = lastValues; // the common case: the item before was the same pollutant
            } else {
                lastCode = s.substring(from, dash);
                values = subFieldsOf(lastCode);
                lastValues = values;
            }
            // A numeric sub-field is read as a number once, here; the report mapper reuses it.
            boolean numeric = isNumeric(subField);
            Double number = numeric ? itemNumber(value) : null;
            if (values.set(subField, value, number) != null) {
                warnings.add(
                        "duplicate CP key " + lastCode + "-" + subField + ", the last value wins");
            }
            if (numeric && number == null) {
                warnings.add(
                        lastCode + "-" + subField + "=" + value + " is not a number, kept as text");
            }
        }

        /**
         * Returns s[from, to) as a CP value; a one-character ASCII value (the {@code N} of almost
         * every {@code -Flag}) is a shared string instead of a new one per item.
         */
        private String value(int from, int to) {
            if (to - from == 1) {
                char c = s.charAt(from);
                if (c < ONE_CHARACTER.length) {
                    return ONE_CHARACTER[c];
                }
            }
            return s.substring(from, to);
        }

        /** Returns s[from, to) as a sub-field name, the shared constant when it is a known one. */
        private String subField(int from, int to) {
            int length = to - from;
            String known = SUB_FIELD_SLOTS[subFieldSlot(s.charAt(from), s.charAt(to - 1), length)];
            if (known != null && known.length() == length && matches(s, from, known)) {
                return known;
            }
            return s.substring(from, to);
        }

        /**
         * Tells whether {@code text} stands in {@code s} at {@code from}, where it is known to fit.
         * {@code String.startsWith} does the same, but the JIT does not inline it into this
         * parser's big item loop, and the call cost more than the comparison (measured).
         */
        private static boolean matches(String s, int from, String text) {
            for (int k = 0; k < text.length(); k++) {
                if (s.charAt(from + k) != text.charAt(k)) {
                    return false;
                }
            }
            return true;
        }

        /** The item parser for segments with NUL bytes, which are removed from key and value. */
        private void cpItemWithNul(int from, int eq, int to) {
            String key = clean(s.substring(from, eq), "a CP key");
            String value = clean(s.substring(eq + 1, to), key);
            int dash = key.indexOf('-');
            if (dash <= 0 || dash == key.length() - 1) {
                if (dash >= 0) {
                    warnings.add("CP key " + key + " is not code-subfield, kept as a field");
                }
                if (fields.put(key, value) != null) {
                    warnings.add("duplicate CP key " + key + ", the last value wins");
                }
                return;
            }
            String code = key.substring(0, dash);
            String subField = key.substring(dash + 1);
            boolean numeric = Hj212Pollutant.isNumeric(subField);
            Double number = numeric ? Hj212Pollutant.toNumber(value) : null;
            if (subFieldsOf(code).set(subField, value, number) != null) {
                warnings.add("duplicate CP key " + key + ", the last value wins");
            }
            if (numeric && number == null) {
                warnings.add(key + "=" + value + " is not a number, kept as text");
            }
        }

        /**
         * Returns the header key s[from, to): the shared constant when it is one of the standard's
         * (without NUL bytes), else the text with NUL bytes removed.
         */
        private String headerKey(int from, int to) {
            if (!hasNul) {
                int length = to - from;
                for (int k = 0; k < CP; k++) {
                    String known = HEADER_KEYS[k];
                    if (known.length() == length && matches(s, from, known)) {
                        return known;
                    }
                }
            }
            return clean(s.substring(from, to), "a header key");
        }

        private void headerField(String key, String rawValue) {
            boolean password = key.equals("PW");
            String value = clean(rawValue, key);
            int index = headerIndex(key);
            if (index < 0) {
                warnings.add("unknown header key " + key + " (ignored)");
                return;
            }
            int max = MAX_LENGTH[index];
            if (key.length() + 1 + value.length() > max) {
                warnings.add(
                        key
                                + " has "
                                + value.length()
                                + " characters, the standard allows "
                                + (max - key.length() - 1));
            }
            String old = header[index];
            header[index] = value;
            if (old != null) {
                warnings.add("duplicate header key " + key + ", the last value wins");
            }
            if (!password && value.isEmpty()) {
                warnings.add(key + " is empty");
            }
        }

        private Integer number(int index) {
            String key = HEADER_KEYS[index];
            String text = header[index];
            if (text == null || text.isEmpty()) {
                return null;
            }
            int value = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9' || i >= 9) {
                    warnings.add(key + "=" + text + " is not a number (ignored)");
                    return null;
                }
                value = value * 10 + (c - '0');
            }
            return value;
        }

        private void checkForm(String key, String value, int digits) {
            boolean ok = value.length() == digits;
            for (int i = 0; ok && i < digits; i++) {
                ok = value.charAt(i) >= '0' && value.charAt(i) <= '9';
            }
            if (!ok) {
                warnings.add(key + "=" + value + " is not " + digits + " digits");
            }
        }

        private void checkSplit(Integer flag, Integer packetCount, Integer packetNumber) {
            boolean split = flag != null && (flag & 2) != 0;
            boolean numbered = packetCount != null || packetNumber != null;
            if (split && (packetCount == null || packetNumber == null)) {
                warnings.add("Flag marks a split packet (D=1) but PNUM or PNO is missing");
            } else if (flag != null && !split && numbered) {
                warnings.add("PNUM/PNO present but Flag does not mark a split packet (D=0)");
            }
            if (packetCount != null
                    && packetNumber != null
                    && (packetNumber < 1 || packetNumber > packetCount)) {
                warnings.add("PNO=" + packetNumber + " is outside 1..PNUM=" + packetCount);
            }
        }

        private Hj212Version protocol(Integer flag, String mn) {
            boolean mn2017 = mn.length() == 24 && isHex(mn);
            Hj212Version version;
            if (flag == null) {
                version = mn2017 ? Hj212Version.HJ212_2017 : Hj212Version.HJ212_2005;
                if (mn2017) {
                    warnings.add(
                            "Flag is missing although MN has the 24-hex-digit form of HJ 212-2017");
                }
                return version;
            }
            version = Hj212Version.fromFlag(flag);
            if (version == null) {
                version = mn2017 ? Hj212Version.HJ212_2017 : Hj212Version.HJ212_2005;
                warnings.add(
                        "Flag="
                                + flag
                                + " has unknown version bits "
                                + (flag >>> 2)
                                + ", assuming "
                                + version.label());
            } else if (version != Hj212Version.HJ212_2005 && !mn2017) {
                warnings.add(
                        "MN has "
                                + mn.length()
                                + " characters, "
                                + version.label()
                                + " specifies 24 hex digits");
            }
            return version;
        }

        private Instant dataTime() {
            String text = fields.get("DataTime");
            if (text == null) {
                return null;
            }
            Instant instant = Hj212Time.parse(text);
            if (instant == null) {
                warnings.add("DataTime=" + text + " is not yyyyMMddHHmmss[SSS]");
            }
            return instant;
        }

        /** Returns the sub-fields of a pollutant code, added to the message when it is new. */
        private Hj212SubFields subFieldsOf(String code) {
            Hj212Pollutant pollutant = pollutants.get(code);
            if (pollutant == null) {
                pollutant = new Hj212Pollutant(code, new Hj212SubFields());
                pollutants.put(code, pollutant);
            }
            // Every pollutant in this map was made just above, with sub-fields it can still fill.
            return (Hj212SubFields) pollutant.values();
        }

        private Map<String, Hj212Pollutant> pollutants() {
            return pollutants.isEmpty() ? Map.of() : Collections.unmodifiableMap(pollutants);
        }

        /** Removes NUL bytes, which some devices put inside fields, and says where. */
        private String clean(String text, String where) {
            if (!hasNul || text.indexOf('\0') < 0) {
                return text;
            }
            StringBuilder kept = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) != '\0') {
                    kept.append(text.charAt(i));
                }
            }
            warnings.add("removed " + (text.length() - kept.length()) + " NUL bytes from " + where);
            return kept.toString();
        }

        private Hj212ParseResult fail(Reason reason, String detail) {
            return Hj212ParseResult.failed(new DecodeFailure(reason, detail, offset, raw));
        }

        /** Returns the index of a standard header key before CP, or -1 for any other key. */
        private static int headerIndex(String key) {
            return switch (key) {
                case "QN" -> QN;
                case "ST" -> ST;
                case "CN" -> CN;
                case "PW" -> PW;
                case "MN" -> MN;
                case "Flag" -> FLAG;
                case "PNUM" -> PNUM;
                case "PNO" -> PNO;
                default -> -1;
            };
        }

        private static boolean isHex(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f')) {
                    return false;
                }
            }
            return true;
        }

        private static String emptyToNull(String text) {
            return text == null || text.isEmpty() ? null : text;
        }
    }
}
