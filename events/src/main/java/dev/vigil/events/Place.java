package dev.vigil.events;

/**
 * Where something is, as precisely as it is known: a postal address, a map point, and the
 * administrative area and street (sub-district) that decide which office is responsible.
 *
 * @param address postal address as given; nullable
 * @param location map point; nullable when only an address is known
 * @param area administrative area (district, county); nullable
 * @param street street office or township; nullable
 */
public record Place(String address, GeoPoint location, String area, String street) {}
