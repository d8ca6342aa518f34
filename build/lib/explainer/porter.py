"""English stemming exactly as lunr.js 2.3.9 does it, in the reader's browser.

Material's search worker carries lunr.js, whose ``lunr.stemmer`` is Martin Porter's
algorithm as written in JavaScript (tartarus.org), with lunr's own changes. The search
terms the site computes in Python (the index's synonyms, the tests) must equal the
ones the browser computes, so this is a port of that code, not of another Porter
implementation: NLTK's and lunr.py's differ from it (``try`` → ``try``, ``lay`` →
``lai``). ``tests/engine/porter_vectors.yml``, written by ``scripts/porter_vectors.py`` from
the lunr.js inside the installed Material, holds the two to the same results.

>>> [stem(w) for w in ("elections", "withdrawal", "troops", "try", "lay", "skies")]
['elect', 'withdraw', 'troop', 'tri', 'lay', 'ski']
"""

from __future__ import annotations

import re

STEP2 = {
    "ational": "ate",
    "tional": "tion",
    "enci": "ence",
    "anci": "ance",
    "izer": "ize",
    "bli": "ble",
    "alli": "al",
    "entli": "ent",
    "eli": "e",
    "ousli": "ous",
    "ization": "ize",
    "ation": "ate",
    "ator": "ate",
    "alism": "al",
    "iveness": "ive",
    "fulness": "ful",
    "ousness": "ous",
    "aliti": "al",
    "iviti": "ive",
    "biliti": "ble",
    "logi": "log",
}
STEP3 = {
    "icate": "ic",
    "ative": "",
    "alize": "al",
    "iciti": "ic",
    "ical": "ic",
    "ful": "",
    "ness": "",
}

STEP4 = (
    "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ou",
    "ism", "ate", "iti", "ous", "ive", "ize",
)  # fmt: skip

# Porter's measure m of a stem [C](VC)^m[V], where C and V are runs of consonants and
# vowels; "y" after a consonant counts as a vowel.
_C = "[^aeiou][^aeiouy]*"
_V = "[aeiouy][aeiou]*"
_M_GT_0 = re.compile(f"^({_C})?{_V}{_C}")
_M_EQ_1 = re.compile(f"^({_C})?{_V}{_C}({_V})?$")
_M_GT_1 = re.compile(f"^({_C})?{_V}{_C}{_V}{_C}")
_HAS_VOWEL = re.compile(f"^({_C})?[aeiouy]")
# consonant-vowel-consonant at the end, the last not w, x or y (*o in the paper)
_CVC = re.compile(f"^{_C}[aeiouy][^aeiouwxy]$")

_1A = re.compile(r"^(.+?)(ss|i)es$")
_1A_S = re.compile(r"^(.+?)([^s])s$")
_1B_EED = re.compile(r"^(.+?)eed$")
_1B = re.compile(r"^(.+?)(ed|ing)$")
_1B_RESTORE_E = re.compile(r"(at|bl|iz)$")
_1B_DOUBLE = re.compile(r"([^aeiouylsz])\1$")
_1C = re.compile(r"^(.+?[^aeiou])y$")
_2 = re.compile("^(.+?)(" + "|".join(STEP2) + ")$")
_3 = re.compile("^(.+?)(" + "|".join(STEP3) + ")$")
_4 = re.compile("^(.+?)(" + "|".join(STEP4) + ")$")
_4_ION = re.compile(r"^(.+?)(s|t)(ion)$")
_5 = re.compile(r"^(.+?)e$")


def stem(word: str) -> str:
    """Return lunr.js's stem of the lower-case English ``word``.

    Words of fewer than three letters are left as they are, as lunr leaves them.
    """
    if len(word) < 3:
        return word
    # an initial y is a consonant: marked as Y while the rules run
    initial_y = word[0] == "y"
    if initial_y:
        word = "Y" + word[1:]

    if match := _1A.match(word):
        word = match.group(1) + match.group(2)
    elif match := _1A_S.match(word):
        word = match.group(1) + match.group(2)

    if match := _1B_EED.match(word):
        if _M_GT_0.match(match.group(1)):
            word = word[:-1]
    elif (match := _1B.match(word)) and _HAS_VOWEL.match(match.group(1)):
        word = match.group(1)
        if _1B_RESTORE_E.search(word):
            word += "e"
        elif _1B_DOUBLE.search(word):
            word = word[:-1]
        elif _CVC.match(word):
            word += "e"

    if match := _1C.match(word):
        word = match.group(1) + "i"

    if (match := _2.match(word)) and _M_GT_0.match(match.group(1)):
        word = match.group(1) + STEP2[match.group(2)]

    if (match := _3.match(word)) and _M_GT_0.match(match.group(1)):
        word = match.group(1) + STEP3[match.group(2)]

    if match := _4.match(word):
        if _M_GT_1.match(match.group(1)):
            word = match.group(1)
    elif match := _4_ION.match(word):
        kept = match.group(1) + match.group(2)
        if _M_GT_1.match(kept):
            word = kept

    if match := _5.match(word):
        kept = match.group(1)
        if _M_GT_1.match(kept) or (_M_EQ_1.match(kept) and not _CVC.match(kept)):
            word = kept
    if word.endswith("ll") and _M_GT_1.match(word):
        word = word[:-1]

    if initial_y:
        word = "y" + word[1:]
    return word
