package dev.vigil.events;

/**
 * A point on the map in WGS 84 degrees, for sources, cameras and complaint places; map layers in
 * GCJ-02 must convert at the edge, never here.
 */
public record GeoPoint(double lat, double lon) {

    public GeoPoint {
        if (!(lat >= -90 && lat <= 90)) {
            throw new IllegalArgumentException("lat: must be within -90..90, was " + lat);
        }
        if (!(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("lon: must be within -180..180, was " + lon);
        }
    }

    /** Great-circle distance in metres, for finding the source nearest a complaint. */
    public double metersTo(GeoPoint other) {
        double earthRadius = 6_371_008.8;
        double dLat = Math.toRadians(other.lat - lat);
        double dLon = Math.toRadians(other.lon - lon);
        double a =
                Math.pow(Math.sin(dLat / 2), 2)
                        + Math.cos(Math.toRadians(lat))
                                * Math.cos(Math.toRadians(other.lat))
                                * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * earthRadius * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
