/* tokenize.h - a fast whitespace/punctuation tokenizer used through ctypes. */
#ifndef SENTIMENT_TOKENIZE_H
#define SENTIMENT_TOKENIZE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Lower-cases `text` in place and writes the start offset of each token to `starts`.
 * Returns the number of tokens found (at most `max_tokens`). */
size_t tokenize(char *text, size_t len, size_t *starts, size_t max_tokens);

#ifdef __cplusplus
}
#endif

#endif /* SENTIMENT_TOKENIZE_H */
