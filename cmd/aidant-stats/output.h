/* The --format option a command of aidant-stats may also take after its name (one
 * record is printed by common/show.h, lists by the common record writers). */
#ifndef STATS_OUTPUT_H
#define STATS_OUTPUT_H

struct ctx;

/* Sets ctx->format from a command's --format option (usage error when unknown). */
void output_format_option(struct ctx *ctx, const char *value);

#endif
