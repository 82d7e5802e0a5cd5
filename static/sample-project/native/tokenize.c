/*
 * tokenize.c - splits text into lower-case tokens.
 *
 * Kept in C because it runs over the whole corpus before every experiment.
 */
#include <ctype.h>

#include "tokenize.h"

static int is_separator(char c)
{
    return isspace((unsigned char)c) || ispunct((unsigned char)c);
}

size_t tokenize(char *text, size_t len, size_t *starts, size_t max_tokens)
{
    size_t count = 0;
    int in_token = 0; // are we inside a token?

    for (size_t i = 0; i < len; i++) {
        if (is_separator(text[i])) {
            text[i] = '\0';
            in_token = 0;
        } else {
            text[i] = (char)tolower((unsigned char)text[i]);
            if (!in_token && count < max_tokens) {
                starts[count++] = i;
            }
            in_token = 1;
        }
    }
    return count;
}
