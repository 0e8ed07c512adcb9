/* Names and file extensions of the record formats. */
#include "fmt.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>

static const struct {
        const char *name;
        enum fmt fmt;
} names[] = {
    {"json", FMT_JSON}, {"ndjson", FMT_NDJSON}, {"jsonl", FMT_NDJSON}, {"yaml", FMT_YAML},
    {"yml", FMT_YAML},  {"csv", FMT_CSV},       {"table", FMT_TABLE},  {"geojson", FMT_GEOJSON},
};

int fmt_parse(const char *s)
{
        for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
                if (strcasecmp(s, names[i].name) == 0)
                        return (int)names[i].fmt;
        return -1;
}

const char *fmt_name(enum fmt f)
{
        for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
                if (names[i].fmt == f)
                        return names[i].name;
        return "auto";
}

enum fmt fmt_from_path(const char *path)
{
        const char *dot = strrchr(path, '.');
        int f;

        if (dot == NULL || strchr(dot, '/') != NULL)
                return FMT_AUTO;
        f = fmt_parse(dot + 1);
        return f < 0 || f == FMT_TABLE ? FMT_AUTO : (enum fmt)f;
}
