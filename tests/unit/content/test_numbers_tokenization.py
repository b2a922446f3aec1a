"""Numbers in content/tokenization.md (notes 177–179), recomputed independently.

Byte counts come from Python's UTF-8 codec; the toy byte-level BPE is trained here by counting
adjacent byte pairs and merging the most frequent one; embedding sizes use engine.shapes'
linear-layer count; digit groupings are produced by the cl100k-style left-to-right rule and its
right-to-left mirror.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

import pytest

from engine import shapes
from tests.unit.content.claims import Claim, check, claim_ids

CORPUS = {"你好": 3, "你们": 2}
Word = tuple[bytes, ...]


def byte_words() -> dict[Word, int]:
    return {tuple(bytes([b]) for b in w.encode("utf-8")): n for w, n in CORPUS.items()}


def pair_counts(words: dict[Word, int]) -> Counter[tuple[bytes, bytes]]:
    counts: Counter[tuple[bytes, bytes]] = Counter()
    for word, n in words.items():
        for pair in pairwise(word):
            counts[pair] += n
    return counts


def merge(words: dict[Word, int], pair: tuple[bytes, bytes]) -> dict[Word, int]:
    out: dict[Word, int] = {}
    for word, n in words.items():
        merged: list[bytes] = []
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


def train(steps: int) -> dict[Word, int]:
    words = byte_words()
    for _ in range(steps):
        counts = pair_counts(words)
        best = max(counts.values())
        words = merge(words, min(p for p, c in counts.items() if c == best))
    return words


def top_pairs() -> tuple[int, int, int]:
    counts = pair_counts(byte_words())
    ni = "你".encode()
    return counts[(ni[0:1], ni[1:2])], counts[(ni[1:2], ni[2:3])], max(counts.values())


def ni_is_one_token_after(steps: int) -> int:
    ni = "你".encode()
    return sum(n for word, n in train(steps).items() if word[0] == ni)


def l2r_groups(digits: str) -> list[str]:
    return re.findall(r"\d{1,3}", digits)


def r2l_groups(digits: str) -> list[str]:
    return [g[::-1] for g in re.findall(r"\d{1,3}", digits[::-1])][::-1]


def emb(vocab: int, d: int = 4096) -> int:
    return shapes.linear_params(d, vocab, bias=False)


CLAIMS = [
    # 177 byte-level BPE
    Claim("177", "256+50000+1=50257", lambda: 256 + 50000 + 1),
    Claim("177", "256 个字节 + 50,000 次合并 + 1 个 `<|endoftext|>` = 50,257",
          lambda: (2**8, 50000, 1, 256 + 50000 + 1)),
    Claim("177", r"有 8 个字符，UTF-8 编码后是 $1+2+1+1+1+1+3+3=13$ 个字节",
          lambda: (len("héllo 你好"), *(len(c.encode()) for c in "héllo 你好"),
                   len("héllo 你好".encode()))),
    Claim("177", "你 = E4 BD A0，好 = E5 A5 BD，们 = E4 BB AC",
          lambda: "你 = " + " ".join(f"{b:02X}" for b in "你".encode())),
    Claim("177", "你 = E4 BD A0，好 = E5 A5 BD，们 = E4 BB AC",
          lambda: "们 = " + " ".join(f"{b:02X}" for b in "们".encode())),
    Claim("177", "(E4,BD) 和 (BD,A0) 各出现 5 次，最多", lambda: top_pairs()[0]),
    Claim("177", "(E4,BD) 和 (BD,A0) 各出现 5 次，最多", lambda: top_pairs()[1]),
    Claim("177", "(E4,BD) 和 (BD,A0) 各出现 5 次，最多", lambda: top_pairs()[2]),
    Claim("177", "前两次合并正好把\"你\"的 3 个字节拼成一个 token",
          lambda: len("你".encode())),
    Claim("177", "单独解码前两个字节 E4 BD 得到 1 个替换字符",
          lambda: len(b"\xe4\xbd".decode("utf-8", errors="replace"))),
    # 178 vocabulary size
    Claim("178", r"$32000\times4096=131{,}072{,}000$", lambda: emb(32000)),
    Claim("178", r"$128256\times4096=525{,}336{,}576$", lambda: emb(128256)),
    Claim("178", "输入输出不共享共 $1{,}050{,}673{,}152$，约占 8B 的 13%",
          lambda: (2 * emb(128256), 8, round(100 * 2 * emb(128256) / 8e9))),
    Claim("178", "同一段英文的 token 数变为原来的 0.8，即少 20%",
          lambda: (3.2 / 4, 100 * (1 - 3.2 / 4))),
    Claim("178", "Llama 3 换成 128K（128,256）", lambda: (3, 128, 128000 + 256)),
    Claim("178", "至少应为 216K，是其 32K 的 7 倍左右", lambda: (216, 32, round(216 / 32))),
    # 179 number tokenisation
    Claim("179", "1234567 逐位切分是 7 个 token", lambda: (1234567, len("1234567"))),
    Claim("179", r"从左到右每 3 位一组是 $[123][456][7]$ 共 3 个 token",
          lambda: (3, *map(int, l2r_groups("1234567")), len(l2r_groups("1234567")))),
    Claim("179", r"从右到左是 $[1][234][567]$，同样 3 个",
          lambda: (*map(int, r2l_groups("1234567")), len(r2l_groups("1234567")))),
    Claim("179", r"L2R 为 $[234][567]$，R2L 也是 $[234][567]$",
          lambda: (*map(int, l2r_groups("234567")), *map(int, r2l_groups("234567")))),
    Claim("179", "\"你好\" 在字节级起点是 6 个字节，\"hello\" 是 5 个",
          lambda: (len("你好".encode()), len(b"hello"))),
]


@pytest.mark.parametrize("claim", CLAIMS, ids=claim_ids(CLAIMS))
def test_claim(claim: Claim) -> None:
    check(claim)


def test_two_merges_make_ni_one_token_whichever_tied_pair_goes_first() -> None:
    # Note 177: "前两次合并正好把'你'的 3 个字节拼成一个 token" — in all 5 occurrences.
    assert ni_is_one_token_after(2) == sum(CORPUS.values()) == 5
    assert ni_is_one_token_after(1) == 0
    ni = "你".encode()
    for first in ((ni[0:1], ni[1:2]), (ni[1:2], ni[2:3])):
        words = merge(byte_words(), first)
        counts = pair_counts(words)
        words = merge(words, max(counts, key=lambda p: (counts[p], p[0] + p[1] in ni)))
        assert all(word[0] == ni for word in words)
