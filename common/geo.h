/* Geography for the directory: "LAT,LON" as people type it, great-circle distances
 * (haversine) and the latitude/longitude box that holds a circle, for R*Tree queries. */
#ifndef AIDANT_GEO_H
#define AIDANT_GEO_H

#include <stdbool.h>

/* Mean Earth radius (IUGG), in kilometres. */
#define GEO_EARTH_RADIUS_KM 6371.0088

struct geo_box {
        double min_lat, max_lat, min_lon, max_lon;
};

/* True when lat is in [-90, 90] and lon in [-180, 180] and both are finite. */
bool geo_valid(double lat, double lon);
/* Parses "45.5646,5.9178": two plain decimals with '.' as decimal mark (a French
 * "45,5646" would be ambiguous), spaces allowed around them. Returns 0, or -1 when s is
 * not such a pair or is out of range. */
int geo_parse_latlon(const char *s, double *lat, double *lon);
/* Great-circle distance in kilometres between two points given in degrees. */
double geo_distance_km(double lat1, double lon1, double lat2, double lon2);
/* The smallest latitude/longitude box that holds every point at most km from the
 * centre; near the poles or across the antimeridian the longitudes widen to the full
 * range so that no point is missed. */
void geo_box_around(double lat, double lon, double km, struct geo_box *box);

#endif
