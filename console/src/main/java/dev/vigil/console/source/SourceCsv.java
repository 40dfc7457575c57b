package dev.vigil.console.source;

import dev.vigil.events.DataKind;
import dev.vigil.events.GeoPoint;
import dev.vigil.events.Place;
import dev.vigil.events.report.ProtocolVersion;
import dev.vigil.events.source.Device;
import dev.vigil.events.source.Outlet;
import dev.vigil.events.source.PermitLimit;
import dev.vigil.events.source.Source;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the registry import CSV: header {@value #HEADER}, one row per outlet, device or permit
 * limit, the rows of one source merged into one entry. Every problem is reported with its line and
 * field, so staff can fix the whole file at once; an existing source gets a new version that keeps
 * its cameras, agencies and the password hashes of devices whose password cell is empty.
 */
public final class SourceCsv {

    /** The header the import expects. */
    public static final String HEADER =
            "sourceId,name,enterprise,kind,lat,lon,address,street,groups,outletId,outletName,outletKind,mn,password,intervalSeconds,pollutant,limit,unit";

    private static final List<String> COLUMNS = Arrays.asList(HEADER.split(","));
    private static final Duration MINUTE_INTERVAL = Duration.ofMinutes(10);

    /** One problem of the file. */
    public record LineError(int line, String field, String detail) {}

    /** The entries to publish, how many are new and updated, and the problems. */
    public record Result(List<Source> sources, int created, int updated, List<LineError> errors) {}

    private SourceCsv() {}

    /**
     * Reads the file.
     *
     * @param known the registry's current entry of a source id, or null
     */
    public static Result read(String csv, Function<String, Source> known, Instant now) {
        List<LineError> errors = new ArrayList<>();
        String[] lines = csv.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        if (lines.length == 0 || !lines[0].strip().replace("\uFEFF", "").equals(HEADER)) {
            errors.add(new LineError(1, "header", "the first line must be exactly: " + HEADER));
            return new Result(List.of(), 0, 0, errors);
        }
        Map<String, Draft> drafts = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int lineNo = i + 1;
            if (lines[i].isBlank()) {
                continue;
            }
            List<String> cells = split(lines[i]);
            if (cells == null) {
                errors.add(new LineError(lineNo, null, "an unterminated quote"));
                continue;
            }
            if (cells.size() != COLUMNS.size()) {
                errors.add(
                        new LineError(
                                lineNo,
                                null,
                                COLUMNS.size() + " cells are required, found " + cells.size()));
                continue;
            }
            String sourceId = cells.get(0).isEmpty() ? null : cells.get(0);
            if (sourceId == null) {
                errors.add(new LineError(lineNo, "sourceId", "required"));
                continue;
            }
            Draft draft = drafts.computeIfAbsent(sourceId, id -> new Draft(id, lineNo));
            draft.add(new Row(lineNo, cells, errors, draft.failed), known.apply(sourceId));
        }
        List<Source> sources = new ArrayList<>();
        int created = 0;
        int updated = 0;
        for (Draft draft : drafts.values()) {
            Source before = known.apply(draft.sourceId);
            Source source = draft.build(before, now, errors);
            if (source == null) {
                continue;
            }
            for (String problem : source.validate()) {
                int colon = problem.indexOf(": ");
                errors.add(
                        new LineError(
                                draft.firstLine,
                                colon > 0 ? problem.substring(0, colon) : null,
                                colon > 0 ? problem.substring(colon + 2) : problem));
            }
            sources.add(source);
            if (before == null) {
                created++;
            } else {
                updated++;
            }
        }
        errors.sort(java.util.Comparator.comparingInt(LineError::line));
        return errors.isEmpty()
                ? new Result(sources, created, updated, List.of())
                : new Result(List.of(), 0, 0, errors);
    }

    /** Splits one CSV line (RFC 4180 quotes, no line breaks inside cells); null when broken. */
    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        cells.add(cell.toString().strip());
        return cells;
    }

    /** One row's cells, read with errors noted by line and field. */
    private static final class Row {
        final int line;
        final List<String> cells;
        final List<LineError> errors;
        final Set<String> failed;

        Row(int line, List<String> cells, List<LineError> errors, Set<String> failed) {
            this.line = line;
            this.cells = cells;
            this.errors = errors;
            this.failed = failed;
        }

        String cell(String column) {
            String v = cells.get(COLUMNS.indexOf(column));
            return v.isEmpty() ? null : v;
        }

        Double number(String column) {
            String v = cell(column);
            if (v == null) {
                return null;
            }
            try {
                double d = Double.parseDouble(v);
                if (!Double.isFinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                error(column, "a number is required, was " + v);
                return null;
            }
        }

        <E extends Enum<E>> E choice(String column, Class<E> type) {
            String v = cell(column);
            if (v == null) {
                return null;
            }
            try {
                return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                error(
                        column,
                        "one of "
                                + Arrays.toString(type.getEnumConstants())
                                + " is required, was "
                                + v);
                return null;
            }
        }

        void error(String column, String detail) {
            failed.add(column);
            errors.add(new LineError(line, column, detail));
        }
    }

    /** The rows of one source so far. */
    private static final class Draft {
        final String sourceId;
        final int firstLine;
        final Set<String> failed = new HashSet<>();
        String name;
        String enterprise;
        Source.Kind kind;
        Double lat;
        Double lon;
        String address;
        String street;
        List<String> groups = List.of();
        final Map<String, Outlet> outlets = new LinkedHashMap<>();
        final Map<String, Device> devices = new LinkedHashMap<>();
        final Map<String, PermitLimit> limits = new LinkedHashMap<>();

        Draft(String sourceId, int firstLine) {
            this.sourceId = sourceId;
            this.firstLine = firstLine;
        }

        void add(Row row, Source before) {
            name = first(name, row.cell("name"));
            enterprise = first(enterprise, row.cell("enterprise"));
            Source.Kind k = row.choice("kind", Source.Kind.class);
            kind = kind == null ? k : kind;
            Double la = row.number("lat");
            Double lo = row.number("lon");
            lat = lat == null ? la : lat;
            lon = lon == null ? lo : lon;
            address = first(address, row.cell("address"));
            street = first(street, row.cell("street"));
            String g = row.cell("groups");
            if (g != null && groups.isEmpty()) {
                groups =
                        Arrays.stream(g.split("[;|]"))
                                .map(String::strip)
                                .filter(s -> !s.isEmpty())
                                .toList();
            }
            String outletId = row.cell("outletId");
            if (outletId != null) {
                Outlet.Kind outletKind = row.choice("outletKind", Outlet.Kind.class);
                outlets.putIfAbsent(
                        outletId,
                        new Outlet(
                                outletId,
                                first(row.cell("outletName"), outletId),
                                outletKind == null ? Outlet.Kind.OTHER : outletKind));
            }
            String mn = row.cell("mn");
            if (mn != null && !devices.containsKey(mn)) {
                device(row, mn, outletId, before);
            }
            String pollutant = row.cell("pollutant");
            if (pollutant != null) {
                Double limit = row.number("limit");
                String unit = row.cell("unit");
                if (outletId == null) {
                    row.error("outletId", "required for a permit limit");
                } else if (limit == null) {
                    if (row.cell("limit") == null) {
                        row.error("limit", "required with a pollutant");
                    }
                } else if (unit == null) {
                    row.error("unit", "required with a limit");
                } else {
                    limits.put(
                            outletId + "/" + pollutant,
                            new PermitLimit(outletId, pollutant, limit, unit, DataKind.HOURLY));
                }
            }
        }

        private void device(Row row, String mn, String outletId, Source before) {
            Double seconds = row.number("intervalSeconds");
            if (seconds == null) {
                if (row.cell("intervalSeconds") == null) {
                    row.error("intervalSeconds", "required for a device");
                }
                return;
            }
            if (seconds < 1) {
                row.error("intervalSeconds", "must be at least 1");
                return;
            }
            String password = row.cell("password");
            String hash;
            if (password != null) {
                hash = Device.hashPassword(mn, password);
            } else {
                Device known = before == null ? null : before.device(mn).orElse(null);
                if (known == null) {
                    row.error("password", "required for a new device");
                    return;
                }
                hash = known.passwordHash();
            }
            ProtocolVersion protocol =
                    before == null
                            ? ProtocolVersion.HJ212_2017
                            : before.device(mn)
                                    .map(Device::protocol)
                                    .orElse(ProtocolVersion.HJ212_2017);
            devices.put(
                    mn,
                    new Device(
                            mn,
                            outletId,
                            protocol,
                            hash,
                            Duration.ofMillis(Math.round(seconds * 1000)),
                            MINUTE_INTERVAL));
        }

        Source build(Source before, Instant now, List<LineError> errors) {
            boolean ok = true;
            if (name == null) {
                errors.add(new LineError(firstLine, "name", "required"));
                ok = false;
            }
            if (kind == null) {
                if (!failed.contains("kind")) {
                    errors.add(new LineError(firstLine, "kind", "required"));
                }
                ok = false;
            }
            GeoPoint location = null;
            if (lat != null && lon != null) {
                try {
                    location = new GeoPoint(lat, lon);
                } catch (IllegalArgumentException e) {
                    String m = e.getMessage();
                    errors.add(
                            new LineError(
                                    firstLine,
                                    m.substring(0, m.indexOf(':')),
                                    m.substring(m.indexOf(':') + 2)));
                    ok = false;
                }
            } else if (failed.contains("lat") || failed.contains("lon")) {
                ok = false;
            } else if (lat != null || lon != null) {
                errors.add(
                        new LineError(
                                firstLine, lat == null ? "lat" : "lon", "lat and lon go together"));
                ok = false;
            }
            if (!ok) {
                return null;
            }
            return new Source(
                    sourceId,
                    name,
                    enterprise,
                    kind,
                    new Place(
                            address,
                            location,
                            before == null ? null : before.place().area(),
                            street),
                    groups,
                    List.copyOf(outlets.values()),
                    List.copyOf(devices.values()),
                    before == null ? List.of() : before.cameras(),
                    List.copyOf(limits.values()),
                    before == null ? List.of() : before.agencyIds(),
                    false,
                    before == null ? 1 : before.version() + 1,
                    now);
        }

        private static String first(String a, String b) {
            return a != null ? a : b;
        }
    }
}
