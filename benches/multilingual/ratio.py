#!/usr/bin/env python3
"""How many characters of Chinese / Japanese text carry what five English
words carry, measured on the Debian Edu bookworm manual (debian-edu-doc-en,
-zh-cn, -ja: one DocBook source and its translations, paragraph for
paragraph). Paragraphs are paired in order by the untranslated words and
numbers they share (commands, paths, URLs: difflib on that sequence); a pair counts when the translated
paragraph is translated (at least 3 unspaced characters per other word)
and the English one has 20 words or more. Counted with neardup's rule:
words are runs of letters and digits; Han, kana, Thai... one per character.

Usage: ratio.py EXTRACTED_DIR  (where build.py unpacked the packages)
"""
import difflib, re, statistics, sys
from pathlib import Path
from common import html_paragraphs, is_unspaced_char

root = Path(sys.argv[1])


def manual(pkg):
    d = root / pkg / "usr/share/doc" / pkg
    return html_paragraphs((d / "debian-edu-bookworm-manual.html").read_text("utf-8"))


def counts(text):
    chars = sum(1 for c in text if is_unspaced_char(c))
    rest = "".join(" " if is_unspaced_char(c) else c for c in text)
    return chars, len(re.findall(r"[^\W_]+", rest))


def skeleton(text):
    return " ".join(re.findall(r"[A-Z]{2,}|\d+|[\w-]*[/.][\w./-]+", text))


en = manual("debian-edu-doc-en")
for lang, pkg in [("zh", "debian-edu-doc-zh-cn"), ("ja", "debian-edu-doc-ja")]:
    tr = manual(pkg)
    sm = difflib.SequenceMatcher(None, [skeleton(p) for p in en], [skeleton(p) for p in tr], autojunk=False)
    ratios, chars_per_word = [], []
    for a, b, n in sm.get_matching_blocks():
        for k in range(n):
            e, t = en[a + k], tr[b + k]
            _, ew = counts(e)
            tc, tw = counts(t)
            if ew < 20 or tc < 3 * tw:
                continue
            ratios.append((tc + tw) / ew)
    q = statistics.quantiles(ratios, n=4)
    print(f"{lang}: {len(ratios)} paragraph pairs; tokens per English word: median "
          f"{statistics.median(ratios):.2f} (quartiles {q[0]:.2f}-{q[2]:.2f}); "
          f"5 English words = {5 * statistics.median(ratios):.1f} tokens")
