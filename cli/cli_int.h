/*
 * kansrijk command line, internal: what cli/main.c (the dispatch, and the commands that store and
 * link deliveries and compute) and cli/results.c (the commands that read the outcome set, and
 * samples) share: the option helpers and each command's entry point and usage text.
 */
#ifndef KR_CLI_INT_H
#define KR_CLI_INT_H

#include "../core/kr.h"

#include <getopt.h>
#include <sqlite3.h>

/* getopt's '?' (an unknown option) or ':' (an option without its value) for command cmd, said in the screen's
 * language, with the nearest option of opts for a mistyped one; returns the exit status 2. */
int bad_option(const char *cmd, int c, char **argv, const struct option *opts);
/* A usage error of cmd (msg is an English message id), with the hint to --help; returns 2. */
int usage_error(const char *cmd, const char *msg);
/* Open the database (mode: KR_DB_CREATE, KR_DB_WRITE or KR_DB_READ); 0, or exit status 2 with a message. */
int open_db(const char *path, int mode, sqlite3 **db);
/* On stderr: deliveries changed after the last compute, and that compute should run again (cli/results.c). */
void warn_if_stale(sqlite3 *db, const char *cmd);

/* The commands of cli/results.c and their --help texts (message ids). */
int cmd_export(int argc, char **argv);
int cmd_overzicht(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_vergelijk(int argc, char **argv);
int cmd_indicators(int argc, char **argv);
int cmd_samples(int argc, char **argv);
extern const char export_usage[];
extern const char overzicht_usage[];
extern const char report_usage[];
extern const char vergelijk_usage[];
extern const char indicators_usage[];
extern const char samples_usage[];

#endif
