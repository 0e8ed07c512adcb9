/* Distances between places, "LAT,LON" as typed by helpers, and search boxes. */
#include "geo.h"

#include <check.h>
#include <stdlib.h>

START_TEST(parses_coordinates)
{
        double lat = 0, lon = 0;

        ck_assert_int_eq(geo_parse_latlon("45.5646,5.9178", &lat, &lon), 0);
        ck_assert_double_eq_tol(lat, 45.5646, 1e-9);
        ck_assert_double_eq_tol(lon, 5.9178, 1e-9);
        ck_assert_int_eq(geo_parse_latlon(" -21.5 , 165.4 ", &lat, &lon), 0);
        ck_assert_double_eq_tol(lat, -21.5, 1e-9);
        ck_assert_double_eq_tol(lon, 165.4, 1e-9);
        ck_assert_int_eq(geo_parse_latlon("45,5646,5,9178", &lat, &lon), -1);
        ck_assert_int_eq(geo_parse_latlon("45.5", &lat, &lon), -1);
        ck_assert_int_eq(geo_parse_latlon("91,5", &lat, &lon), -1);
        ck_assert_int_eq(geo_parse_latlon("45,181", &lat, &lon), -1);
        ck_assert_int_eq(geo_parse_latlon("nan,5", &lat, &lon), -1);
        ck_assert_int_eq(geo_parse_latlon("0x10,5", &lat, &lon), -1);
        ck_assert_int_eq(geo_parse_latlon("45.,5", &lat, &lon), -1);
        ck_assert_int_eq(geo_parse_latlon("45.5,5x", &lat, &lon), -1);
        ck_assert_int_eq(geo_parse_latlon("", &lat, &lon), -1);
        ck_assert_int_eq(geo_parse_latlon("73000", &lat, &lon), -1);
}
END_TEST

START_TEST(measures_great_circle_distances)
{
        /* Paris Notre-Dame to Lyon Bellecour: 391.5 km on the sphere */
        double d = geo_distance_km(48.8530, 2.3499, 45.7578, 4.8320);

        ck_assert_double_eq_tol(d, 391.5, 1.0);
        ck_assert_double_eq_tol(geo_distance_km(45.0, 5.0, 45.0, 5.0), 0.0, 1e-12);
        /* one degree of latitude is 111.2 km */
        ck_assert_double_eq_tol(geo_distance_km(45.0, 5.0, 46.0, 5.0), 111.195, 0.01);
        /* across the antimeridian, not around the world */
        ck_assert_double_eq_tol(geo_distance_km(0.0, 179.5, 0.0, -179.5), 111.195, 0.01);
        ck_assert_double_eq_tol(geo_distance_km(90.0, 0.0, -90.0, 0.0), 20015.1, 0.1);
}
END_TEST

START_TEST(box_holds_the_circle)
{
        struct geo_box b;
        double lat = 45.5646, lon = 5.9178;

        geo_box_around(lat, lon, 10.0, &b);
        ck_assert(b.min_lat < lat && b.max_lat > lat && b.min_lon < lon && b.max_lon > lon);
        /* the points due north, east, south and west at 9.99 km are inside */
        ck_assert(lat + 9.99 / 111.195 < b.max_lat);
        ck_assert(lat - 9.99 / 111.195 > b.min_lat);
        ck_assert_double_eq_tol(geo_distance_km(lat, lon, lat, b.max_lon), 10.0, 0.1);
        ck_assert(geo_distance_km(lat, lon, lat, b.max_lon) >= 10.0);
        /* at a pole or across the antimeridian every longitude is kept */
        geo_box_around(89.99, 0.0, 5.0, &b);
        ck_assert_double_eq(b.min_lon, -180.0);
        ck_assert_double_eq(b.max_lat, 90.0);
        geo_box_around(-17.5, 179.99, 20.0, &b);
        ck_assert_double_eq(b.min_lon, -180.0);
        ck_assert_double_eq(b.max_lon, 180.0);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("geo");
        TCase *tc = tcase_create("geo");
        SRunner *sr;
        int failed;

        tcase_add_test(tc, parses_coordinates);
        tcase_add_test(tc, measures_great_circle_distances);
        tcase_add_test(tc, box_holds_the_circle);
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
