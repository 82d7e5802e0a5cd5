#!/usr/bin/env bash
# Build the C tokenizer, then train the baseline and the network.
set -euo pipefail

cd "$(dirname "$0")/.."
DATA="${1:-data/reviews.csv}"

# The shared library is loaded with ctypes from src/sentiment.
cc -O2 -shared -fPIC -o build/libtokenize.so native/tokenize.c

if [ ! -f "$DATA" ]; then
    echo "missing $DATA (expected columns: text,label)" >&2
    exit 1
fi

python -m sentiment.cli train "$DATA" | tee build/train.log
echo "done: $# arguments, log in build/train.log"
