/*
 * Files kansrijk writes for the coordinator (feedback files, exports): created
 * readable by the owner only, like the database, and CSV text fields that a
 * spreadsheet cannot mistake for a formula.
 */
#include "kr.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

FILE *kr_fopen_private(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return NULL;
    /* an existing file keeps its mode through O_TRUNC: make it private too */
    struct stat sb;
    if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && (sb.st_mode & 077) && fchmod(fd, 0600) != 0) {
        int e = errno;
        close(fd);
        errno = e;
        return NULL;
    }
    FILE *f = fdopen(fd, "wb");
    if (!f) {
        int e = errno;
        close(fd);
        errno = e;
    }
    return f;
}

int kr_csv_formula_like(const char *s)
{
    return s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r';
}

void kr_csv_text(FILE *out, const char *s, char delim, int always_quote)
{
    int quote = always_quote || strchr(s, delim) || strpbrk(s, "\"\n\r") != NULL;
    if (quote)
        fputc('"', out);
    if (kr_csv_formula_like(s))
        fputc('\'', out);
    for (; *s; s++) {
        if (*s == '"' && quote)
            fputc('"', out);
        fputc(*s, out);
    }
    if (quote)
        fputc('"', out);
}
