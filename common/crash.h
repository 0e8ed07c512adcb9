/* Crash injection for tests: a program passes named points between its durable steps,
 * and a test build (AIDANT_TEST_KNOBS, the programs tests/run.sh puts first in PATH) can
 * be told to die there as kill -9 would. Installed programs ignore the variables.
 *   AIDANT_CRASH_AT=<point>:<n>   killed (SIGKILL) at the n-th pass of <point>
 *   AIDANT_CRASH_TRACE=<file>     each pass appends "<point>\n" to file, so that a test
 *                                 can list the points a command goes through */
#ifndef AIDANT_CRASH_H
#define AIDANT_CRASH_H

/* A point between two durable steps; name is a short static word ("index-written"). */
void crash_point(const char *name);

#endif
