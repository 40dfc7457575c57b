package dev.vigil.deploy.simulate;

import dev.vigil.events.GeoPoint;
import dev.vigil.events.Place;
import dev.vigil.events.report.ProtocolVersion;
import dev.vigil.events.source.Source;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a scenario file (YAML): profiles of outlets with their pollutants, sources generated from
 * them or listed one by one, and timed events; every problem is reported with the file, line and
 * path of the field, e.g. {@code district.yaml:88: events[2].pollutant: source WW-003 has no
 * pollutant 'w01019' (it measures w00000, w01001, w01018)}.
 */
public final class ScenarioReader {

    private final Map<String, OutletProfile> profiles = new LinkedHashMap<>();
    private final List<ScenarioSource> sources = new ArrayList<>();
    private final Set<String> mns = new HashSet<>();
    private long seed;
    private GeoPoint center;
    private double radiusMeters;
    private String area;
    private List<String> streets;
    private LoggerSettings defaults;

    private ScenarioReader() {}

    /** Reads a scenario file. */
    public static Scenario read(Path path) {
        String yaml;
        try {
            yaml = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScenarioException(path + ": cannot read the scenario file: " + e);
        }
        return parse(yaml, path.toString());
    }

    /** Reads a scenario from YAML text; {@code file} is the name used in messages. */
    public static Scenario parse(String yaml, String file) {
        return new ScenarioReader().scenario(YamlNode.parse(yaml, file));
    }

    private Scenario scenario(YamlNode root) {
        root.allowOnly(
                "name",
                "seed",
                "center",
                "radius-m",
                "area",
                "streets",
                "defaults",
                "profiles",
                "sources",
                "events");
        String name = root.required("name").text();
        seed = root.has("seed") ? root.field("seed").integer(0, Long.MAX_VALUE) : 212;
        center = root.has("center") ? ScenarioFields.point(root.field("center")) : null;
        radiusMeters = root.has("radius-m") ? root.field("radius-m").number(1) : 5_000;
        area = root.text("area", null);
        streets = root.items("streets").stream().map(YamlNode::text).toList();
        defaults =
                root.has("defaults")
                        ? LoggerSettings.of(
                                root.field("defaults").allowOnly(LoggerSettings.allowedWith()))
                        : LoggerSettings.NONE;
        YamlNode profileNodes = root.required("profiles");
        for (String profileName : profileNodes.names()) {
            profiles.put(
                    profileName,
                    OutletProfile.read(profileName, profileNodes.required(profileName)));
        }
        YamlNode sourceList = root.required("sources");
        if (sourceList.items().isEmpty()) {
            throw sourceList.problem("must list at least one source");
        }
        for (YamlNode entry : sourceList.items()) {
            if (entry.has("count")) {
                group(entry);
            } else {
                source(entry);
            }
        }
        EventReader eventReader = new EventReader(sources);
        List<ScenarioEvent> events = new ArrayList<>();
        for (YamlNode entry : root.items("events")) {
            events.add(eventReader.read(entry));
        }
        return new Scenario(name, seed, sources, events);
    }

    /** A group of sources generated from one profile: ids PREFIX-001, PREFIX-002, ... */
    private void group(YamlNode node) {
        node.allowOnly(
                LoggerSettings.allowedWith("count", "profile", "id-prefix", "names", "street"));
        int count = (int) node.required("count").integer(1, 100_000);
        OutletProfile profile = profileOf(node.required("profile"));
        String prefix =
                node.has("id-prefix")
                        ? ScenarioFields.id(node.field("id-prefix"))
                        : profile.name().toUpperCase(Locale.ROOT);
        List<String> names = node.items("names").stream().map(YamlNode::text).toList();
        if (center == null) {
            throw node.problem("generated sources need 'center' (lat, lon) at the top of the file");
        }
        LoggerSettings settings = LoggerSettings.of(node);
        int width = Math.max(3, Integer.toString(count).length());
        for (int i = 1; i <= count; i++) {
            String id = prefix + "-" + String.format(Locale.ROOT, "%0" + width + "d", i);
            String name = i <= names.size() ? names.get(i - 1) : profile.name() + " " + id;
            String street =
                    node.text(
                            "street",
                            streets.isEmpty() ? null : streets.get((i - 1) % streets.size()));
            Place place =
                    place(null, DeviceIdentity.location(seed, id, center, radiusMeters), street);
            DeviceSpec device = device(node, id, profile, null, null, settings, null);
            addSource(
                    node,
                    new ScenarioSource(
                            id, name, name, profile.sourceKind(), place, List.of(device)));
        }
    }

    /** One source listed with its own id, place and either a profile or a list of outlets. */
    private void source(YamlNode node) {
        node.allowOnly(
                LoggerSettings.allowedWith(
                        "id",
                        "name",
                        "enterprise",
                        "kind",
                        "location",
                        "address",
                        "street",
                        "profile",
                        "mn",
                        "outlets"));
        String id = ScenarioFields.id(node.required("id"));
        if (node.has("outlets") == node.has("profile")) {
            throw node.problem(
                    "needs either 'profile' (one outlet) or 'outlets' (a list), not both");
        }
        LoggerSettings settings = LoggerSettings.of(node);
        List<DeviceSpec> devices = new ArrayList<>();
        Source.Kind kind;
        if (node.has("profile")) {
            OutletProfile profile = profileOf(node.field("profile"));
            devices.add(device(node, id, profile, null, null, settings, node.field("mn")));
            kind = profile.sourceKind();
        } else {
            kind = outlets(node, id, settings, devices);
        }
        if (node.has("kind")) {
            kind = node.field("kind").choice(Source.Kind.class);
        }
        GeoPoint location;
        if (node.has("location")) {
            location = ScenarioFields.point(node.field("location"));
        } else if (center != null) {
            location = DeviceIdentity.location(seed, id, center, radiusMeters);
        } else {
            throw node.problem("needs 'location' (lat, lon), or 'center' at the top of the file");
        }
        String name = node.text("name", id);
        Place place = place(node.text("address", null), location, node.text("street", null));
        addSource(
                node,
                new ScenarioSource(id, name, node.text("enterprise", name), kind, place, devices));
    }

    /** Reads a source's outlets into {@code devices}; returns the kind of its first outlet. */
    private Source.Kind outlets(
            YamlNode node, String sourceId, LoggerSettings settings, List<DeviceSpec> devices) {
        Source.Kind kind = null;
        Set<String> outletIds = new HashSet<>();
        YamlNode list = node.required("outlets");
        for (YamlNode outlet : list.items()) {
            outlet.allowOnly(LoggerSettings.allowedWith("id", "name", "profile", "mn"));
            OutletProfile profile = profileOf(outlet.required("profile"));
            String outletId =
                    outlet.has("id") ? ScenarioFields.id(outlet.field("id")) : profile.outletId();
            if (!outletIds.add(outletId)) {
                throw (outlet.has("id") ? outlet.field("id") : outlet)
                        .problem("duplicate outlet id " + outletId + " in source " + sourceId);
            }
            devices.add(
                    device(
                            outlet,
                            sourceId,
                            profile,
                            outletId,
                            outlet.text("name", null),
                            LoggerSettings.of(outlet).over(settings),
                            outlet.field("mn")));
            kind = kind == null ? profile.sourceKind() : kind;
        }
        if (devices.isEmpty()) {
            throw list.problem("must list at least one outlet");
        }
        return kind;
    }

    private DeviceSpec device(
            YamlNode node,
            String sourceId,
            OutletProfile profile,
            String outletId,
            String outletName,
            LoggerSettings given,
            YamlNode mnNode) {
        LoggerSettings settings = given.over(profile.settings()).over(defaults);
        String outlet = outletId != null ? outletId : profile.outletId();
        ProtocolVersion protocol =
                settings.protocol() != null ? settings.protocol() : ProtocolVersion.HJ212_2017;
        String deviceName = sourceId + "/" + outlet;
        String mn =
                mnNode != null
                        ? ScenarioFields.mn(mnNode)
                        : DeviceIdentity.mn(seed, deviceName, protocol);
        if (!mns.add(mn)) {
            throw (mnNode != null ? mnNode : node).problem("MN " + mn + " is used twice");
        }
        Duration realtime =
                settings.realtimeInterval() != null
                        ? settings.realtimeInterval()
                        : Duration.ofSeconds(30);
        Duration minute =
                settings.minuteInterval() != null
                        ? settings.minuteInterval()
                        : Duration.ofMinutes(10);
        if (minute.compareTo(realtime) < 0) {
            throw node.problem(
                    "minute-interval ("
                            + DurationText.format(minute)
                            + ") must not be shorter than realtime-interval ("
                            + DurationText.format(realtime)
                            + ")");
        }
        DeviceSpec device =
                new DeviceSpec(
                        sourceId,
                        outlet,
                        outletName != null ? outletName : profile.outletName(),
                        profile.outletKind(),
                        mn,
                        settings.password() != null
                                ? settings.password()
                                : DeviceIdentity.password(seed, deviceName),
                        protocol,
                        settings.st() != null ? settings.st() : profile.defaultSt(),
                        realtime,
                        minute,
                        settings.hourly() == null || settings.hourly(),
                        profile.pollutants());
        int longest = FrameWriter.longestDataSegment(device);
        if (longest > FrameWriter.MAX_DATA_LENGTH) {
            throw profile.node()
                    .required("pollutants")
                    .problem(
                            "an hourly upload with these pollutants would take "
                                    + longest
                                    + " bytes, more than HJ 212's "
                                    + FrameWriter.MAX_DATA_LENGTH
                                    + "; list fewer pollutants, fewer decimals or a lower max");
        }
        return device;
    }

    private void addSource(YamlNode node, ScenarioSource source) {
        for (ScenarioSource other : sources) {
            if (other.id().equals(source.id())) {
                throw node.problem("source id " + source.id() + " is used twice");
            }
        }
        sources.add(source);
    }

    private Place place(String address, GeoPoint location, String street) {
        String shown = address;
        if (shown == null && (street != null || area != null)) {
            shown = street == null ? area : area == null ? street : street + ", " + area;
        }
        return new Place(shown, location, area, street);
    }

    private OutletProfile profileOf(YamlNode node) {
        OutletProfile profile = profiles.get(node.text());
        if (profile == null) {
            throw node.problem(
                    "no profile '"
                            + node.text()
                            + "' (profiles: "
                            + String.join(", ", profiles.keySet())
                            + ")");
        }
        return profile;
    }
}
