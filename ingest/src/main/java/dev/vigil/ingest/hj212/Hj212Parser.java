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

    /** Standard maximum lengths of header fields, key and {@code =} included. */
    private static final Map<String, Integer> MAX_LENGTH =
            Map.of("QN", 20, "ST", 5, "CN", 7, "PW", 9, "MN", 27, "Flag", 8, "PNUM", 9, "PNO", 8);

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

    private static int subFieldSlot(char first, char last, int length) {
        return (first * 5 + last * 2 + length) & 31;
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
        private final Map<String, String> header = new LinkedHashMap<>(16);
        private final Map<String, Hj212Pollutant> pollutants = new LinkedHashMap<>();
        private final Map<String, String> fields = new LinkedHashMap<>();

        /** The code of the last pollutant item and its sub-fields, for the next item's code. */
        private String lastCode;

        private Hj212SubFields lastValues;

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
            String mn = header.get("MN");
            if (mn == null || mn.isEmpty()) {
                return fail(
                        Reason.MISSING_MN,
                        mn == null ? "MN (device id) is missing" : "MN (device id) is empty");
            }
            String cn = header.get("CN");
            if (cn == null || cn.isEmpty()) {
                return fail(
                        Reason.MISSING_CN,
                        cn == null ? "CN (command code) is missing" : "CN (command code) is empty");
            }
            checkForm("CN", cn, 4);
            String qn = header.get("QN");
            if (qn != null) {
                checkForm("QN", qn, 17);
            }
            Integer flag = number("Flag");
            Integer packetCount = number("PNUM");
            Integer packetNumber = number("PNO");
            checkSplit(flag, packetCount, packetNumber);
            Hj212Version protocol = protocol(flag, mn);
            Instant dataTime = dataTime();
            return Hj212ParseResult.parsed(
                    new Hj212Message(
                            protocol,
                            qn,
                            emptyToNull(header.get("ST")),
                            cn,
                            header.get("PW"),
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
                    headerField(
                            clean(s.substring(i, eq), "a header key"), s.substring(eq + 1, semi));
                    i = semi + 1;
                }
            }
            if (!header.containsKey("CP")) {
                warnings.add("CP is missing");
            }
        }

        /** Reads {@code CP=&&...&&} whose value starts at {@code from}; returns where to go on. */
        private int readCp(int keyStart, int from) {
            int n = s.length();
            if (header.put("CP", "") != null) {
                warnings.add("duplicate header key CP, items are merged");
            }
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
                int end = i;
                while (end < to && s.charAt(end) != ';' && s.charAt(end) != ',') {
                    end++;
                }
                if (end > i) {
                    cpItem(i, end);
                }
                i = end + 1;
            }
        }

        private void cpItem(int from, int to) {
            int eq = s.indexOf('=', from);
            if (eq < 0 || eq >= to || eq == from) {
                warnings.add("CP item at character " + from + " has no key=value (ignored)");
                return;
            }
            if (hasNul) {
                cpItemWithNul(from, eq, to);
                return;
            }
            // Without NUL bytes the key is s[from, eq) as it stands: read code and sub-field from
            // the segment, without a string for the whole key.
            String value = s.substring(eq + 1, to);
            int dash = s.indexOf('-', from);
            if (dash >= eq) {
                dash = -1;
            }
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
                    && s.startsWith(lastCode, from)) {
                values = lastValues; // the common case: the item before was the same pollutant
            } else {
                lastCode = s.substring(from, dash);
                values = subFieldsOf(lastCode);
                lastValues = values;
            }
            if (values.set(subField, value) != null) {
                warnings.add(
                        "duplicate CP key " + lastCode + "-" + subField + ", the last value wins");
            }
            if (Hj212Pollutant.isNumeric(subField) && !Hj212Pollutant.isNumber(value)) {
                warnings.add(
                        lastCode + "-" + subField + "=" + value + " is not a number, kept as text");
            }
        }

        /** Returns s[from, to) as a sub-field name, the shared constant when it is a known one. */
        private String subField(int from, int to) {
            int length = to - from;
            String known = SUB_FIELD_SLOTS[subFieldSlot(s.charAt(from), s.charAt(to - 1), length)];
            if (known != null && known.length() == length && s.startsWith(known, from)) {
                return known;
            }
            return s.substring(from, to);
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
            if (subFieldsOf(code).set(subField, value) != null) {
                warnings.add("duplicate CP key " + key + ", the last value wins");
            }
            if (Hj212Pollutant.isNumeric(subField) && !Hj212Pollutant.isNumber(value)) {
                warnings.add(key + "=" + value + " is not a number, kept as text");
            }
        }

        private void headerField(String key, String rawValue) {
            boolean password = key.equals("PW");
            String value = clean(rawValue, key);
            Integer max = MAX_LENGTH.get(key);
            if (max == null) {
                warnings.add("unknown header key " + key + " (ignored)");
                return;
            }
            if (key.length() + 1 + value.length() > max) {
                warnings.add(
                        key
                                + " has "
                                + value.length()
                                + " characters, the standard allows "
                                + (max - key.length() - 1));
            }
            if (header.put(key, value) != null) {
                warnings.add("duplicate header key " + key + ", the last value wins");
            }
            if (!password && value.isEmpty()) {
                warnings.add(key + " is empty");
            }
        }

        private Integer number(String key) {
            String text = header.get(key);
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
