"""bpe-merges: byte-pair encoding merges on a tiny corpus (Sennrich et al.).

Words start as sequences of characters (no end-of-word marker). Each merge counts every
adjacent pair over the corpus, a word counting as often as it occurs, and joins every
occurrence of the most frequent pair, left to right without overlaps. The corpora are drawn
so that the most frequent pair is unique at every merge.
"""

from __future__ import annotations

import itertools
from collections import Counter

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, integer
from engine.questions.text import Bi, steps

Word = tuple[str, ...]


def pair_counts(corpus: dict[Word, int], weighted: bool = True) -> Counter[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter()
    for word, n in corpus.items():
        for pair in itertools.pairwise(word):
            counts[pair] += n if weighted else 1
    return counts


def merge(corpus: dict[Word, int], pair: tuple[str, str]) -> dict[Word, int]:
    out: dict[Word, int] = {}
    for word, n in corpus.items():
        merged: list[str] = []
        i = 0
        while i < len(word):
            if i + 1 < len(word) and (word[i], word[i + 1]) == pair:
                merged.append(word[i] + word[i + 1])
                i += 2
            else:
                merged.append(word[i])
                i += 1
        out[tuple(merged)] = out.get(tuple(merged), 0) + n
    return out


def run(corpus: dict[Word, int], k: int, weighted: bool = True
        ) -> tuple[dict[Word, int], list[tuple[str, str]]] | None:
    """The corpus after k merges and the merges made; None when a merge would be a tie."""
    done = []
    for _ in range(k):
        counts = pair_counts(corpus, weighted).most_common()
        if not counts or (len(counts) > 1 and counts[0][1] == counts[1][1]):
            return None
        done.append(counts[0][0])
        corpus = merge(corpus, counts[0][0])
    return corpus, done


def tokens(corpus: dict[Word, int], weighted: bool = True) -> int:
    return sum(len(w) * (n if weighted else 1) for w, n in corpus.items())


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    k = difficulty
    letters = "abcd" if difficulty < 3 else "abcde"
    while True:
        lengths = rng.integers(2, 6, 4)
        codes = rng.integers(0, len(letters), int(lengths.sum()))
        cuts = np.cumsum(lengths)[:-1]
        words = {tuple(letters[int(c)] for c in part) for part in np.split(codes, cuts)}
        if len(words) < 4:
            continue
        counts = rng.choice(np.arange(1, 10), 4, replace=False)  # distinct: fewer ties
        corpus = {w: int(n) for w, n in zip(sorted(words), counts, strict=True)}
        result = run(corpus, k)
        if result is not None:
            break
    final, merges = result
    value = tokens(final)
    answer = integer(value, unit="tokens")
    listing = ", ".join(f"{''.join(w)} ×{n}" for w, n in corpus.items())
    prompt = Bi(f"语料（词 ×出现次数）：{listing}。BPE 从单个字符开始（不加词尾符号），每次合并把"
                "语料中出现最多的相邻符号对（按词的出现次数加权计数）的所有出现从左到右不重叠地合并。"
                f"做 {k} 次合并后，整个语料一共有多少个 token（每次出现都算）？",
                f"A corpus (word ×count): {listing}. BPE starts from single characters (no "
                "end-of-word marker); each merge joins every occurrence, left to right without "
                "overlaps, of the most frequent adjacent pair, counted over the corpus with "
                f"each word weighted by its count. After {k} merge{'s' if k > 1 else ''}, how "
                "many tokens does the corpus have (counting every occurrence)?")
    lines = [Bi(f"开始：{tokens(corpus)} 个 token", f"start: {tokens(corpus)} tokens")]
    state = corpus
    for pair in merges:
        freq = pair_counts(state)[pair]
        state = merge(state, pair)
        lines.append(Bi(f"合并 {pair[0]} + {pair[1]}（出现 {freq} 次）→ {tokens(state)} 个 token",
                        f"merge {pair[0]} + {pair[1]} (count {freq}) → {tokens(state)} tokens"))
    fewer = run(corpus, k - 1)
    slips: list[tuple[Bi, int]] = [
        (Bi("只数了不同的词（没按出现次数加权）", "counted each distinct word once (not "
            "weighted by its count)"), tokens(final, weighted=False)),
        (Bi(f"少合并了一次（只做了 {k - 1} 次）", f"made one merge too few ({k - 1})"),
         tokens(fewer[0]) if fewer is not None else tokens(corpus)),
    ]
    unweighted = run(corpus, k, weighted=False)
    if unweighted is not None:
        slips.append((Bi("按词的种类数数相邻对（没按出现次数加权）", "counted pairs per distinct "
                         "word (not weighted by the counts)"), tokens(unweighted[0])))
    slips.append((Bi("每次合并只减少了 1 个 token（只合并了一处）", "took each merge as one "
                     "token fewer (merged one occurrence)"), tokens(corpus) - k))
    mistakes = tuple(Mistake(name, answer.like([v])) for name, v in slips)
    return Problem(prompt, answer, steps(*lines), mistakes)


KIND = KindDef("bpe-merges", "transformers", Bi("BPE 合并（小语料）", "BPE merges on a tiny "
               "corpus"), "integer", build)
