/* Haversine distances, "LAT,LON" parsing and bounding boxes for the R*Tree searches. */
#include "geo.h"
#include "jsonw.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>

#define DEG (M_PI / 180.0)

bool geo_valid(double lat, double lon)
{
        return isfinite(lat) && isfinite(lon) && lat >= -90.0 && lat <= 90.0 && lon >= -180.0 &&
               lon <= 180.0;
}

/* strtod accepts "inf", "nan" and hexadecimal: coordinates are plain decimals. */
static int parse_decimal(const char *s, const char **end, double *out)
{
        const char *p = s;

        while (isspace((unsigned char)*p))
                p++;
        if (*p == '-' || *p == '+')
                p++;
        if (!isdigit((unsigned char)*p))
                return -1;
        while (isdigit((unsigned char)*p))
                p++;
        if (*p == '.') {
                p++;
                if (!isdigit((unsigned char)*p))
                        return -1;
                while (isdigit((unsigned char)*p))
                        p++;
        }
        errno = 0;
        *out = jsonw_strtod(s, NULL); /* a point in any locale */
        if (errno != 0)
                return -1;
        while (isspace((unsigned char)*p))
                p++;
        *end = p;
        return 0;
}

int geo_parse_latlon(const char *s, double *lat, double *lon)
{
        const char *p;
        double a, b;

        if (parse_decimal(s, &p, &a) != 0 || *p != ',')
                return -1;
        if (parse_decimal(p + 1, &p, &b) != 0 || *p != '\0')
                return -1;
        if (!geo_valid(a, b))
                return -1;
        *lat = a;
        *lon = b;
        return 0;
}

double geo_distance_km(double lat1, double lon1, double lat2, double lon2)
{
        double dlat = (lat2 - lat1) * DEG, dlon = (lon2 - lon1) * DEG;
        double h = sin(dlat / 2) * sin(dlat / 2) +
                   cos(lat1 * DEG) * cos(lat2 * DEG) * sin(dlon / 2) * sin(dlon / 2);

        if (h > 1.0)
                h = 1.0;
        return 2.0 * GEO_EARTH_RADIUS_KM * asin(sqrt(h));
}

void geo_box_around(double lat, double lon, double km, struct geo_box *box)
{
        double dlat = km / GEO_EARTH_RADIUS_KM / DEG;
        double coslat = cos(fmin(fabs(lat) + dlat, 90.0) * DEG);
        double dlon = coslat > 1e-9 ? dlat / coslat : 360.0;

        box->min_lat = fmax(lat - dlat, -90.0);
        box->max_lat = fmin(lat + dlat, 90.0);
        if (dlon >= 180.0 || lon - dlon < -180.0 || lon + dlon > 180.0) {
                box->min_lon = -180.0;
                box->max_lon = 180.0;
        } else {
                box->min_lon = lon - dlon;
                box->max_lon = lon + dlon;
        }
}
