/*
 * Shared helpers for the kansrijk cmocka tests: temporary files and databases,
 * and domain assertions used by more than one test binary.
 */
#ifndef TEST_UTIL_H
#define TEST_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <math.h>

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* a and b within tol of each other, naming the expression and the line when not. */
#define NEAR(a, b, tol)                                                                                               \
    do {                                                                                                              \
        double a_ = (a), b_ = (b);                                                                                    \
        if (!(fabs(a_ - b_) <= (tol)))                                                                                \
            fail_msg("%s = %.10g, want %.10g (line %d)", #a, a_, b_, __LINE__);                                       \
    } while (0)

/* Write text to a new file dir/name; returns the path in a static buffer. */
static inline const char *tu_write(const char *dir, const char *name, const char *text)
{
    static char path[1024];
    (void)snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
    return path;
}

/* A fresh temporary folder; caller removes it with tu_rmdir. */
static inline char *tu_tmpdir(void)
{
    char tmpl[] = "/tmp/kansrijk-test-XXXXXX";
    char *d = mkdtemp(tmpl);
    assert_non_null(d);
    return strdup(d);
}

static inline void tu_rmdir(char *dir)
{
    char cmd[1200];
    (void)snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    free(dir);
}

#endif
