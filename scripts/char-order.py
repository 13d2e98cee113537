#!/usr/bin/env python3
"""Writes fonts/order.txt: Chinese characters from the most to the least used, one line.

build.rs stores each bundled face's glyphs in compressed runs of 64 in this order, so the few
hundred characters of a report fall into few runs and the PDF export unpacks little (see
src/io/pdf/pack.rs). The order is counted from jieba's dictionary (MIT licence: 349,046 words
with their frequencies in a general corpus): a character's count is the sum of the counts of
the words it occurs in. Characters not in the dictionary are not listed; their glyphs follow.

    pip download jieba==0.42.1 --no-deps -d /tmp && tar xzf /tmp/jieba-0.42.1.tar.gz -C /tmp
    python3 scripts/char-order.py /tmp/jieba-0.42.1/jieba/dict.txt > fonts/order.txt

The same dictionary gives the same file (ties are broken by code point).
"""
import collections
import sys


def main():
    counts = collections.Counter()
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2:
                continue
            word, n = parts[0], int(parts[1])
            for ch in word:
                if ord(ch) >= 0x3000:
                    counts[ch] += n
    ranked = sorted(counts, key=lambda ch: (-counts[ch], ord(ch)))
    sys.stdout.write("".join(ranked) + "\n")


if __name__ == "__main__":
    main()
