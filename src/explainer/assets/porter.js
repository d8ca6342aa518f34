// English stemming as lunr.js 2.3.9 does it: a rule-for-rule copy of
// src/explainer/porter.py, whose docstring says where the rules come from and why
// these and no others. Both are held to tests/porter_vectors.yml. The site's search
// worker has lunr's own stemmer; the single-file edition, which carries no lunr, uses
// this one. Defines one global, ExplainerPorter.
(function (global) {
  "use strict"

  const STEP2 = {
    ational: "ate", tional: "tion", enci: "ence", anci: "ance", izer: "ize", bli: "ble",
    alli: "al", entli: "ent", eli: "e", ousli: "ous", ization: "ize", ation: "ate",
    ator: "ate", alism: "al", iveness: "ive", fulness: "ful", ousness: "ous", aliti: "al",
    iviti: "ive", biliti: "ble", logi: "log",
  }
  const STEP3 = { icate: "ic", ative: "", alize: "al", iciti: "ic", ical: "ic", ful: "", ness: "" }
  const STEP4 = [
    "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ou",
    "ism", "ate", "iti", "ous", "ive", "ize",
  ]

  // Porter's measure of a stem, [C](VC)^m[V]; "y" after a consonant is a vowel
  const C = "[^aeiou][^aeiouy]*"
  const V = "[aeiouy][aeiou]*"
  const M_GT_0 = new RegExp(`^(${C})?${V}${C}`)
  const M_EQ_1 = new RegExp(`^(${C})?${V}${C}(${V})?$`)
  const M_GT_1 = new RegExp(`^(${C})?${V}${C}${V}${C}`)
  const HAS_VOWEL = new RegExp(`^(${C})?[aeiouy]`)
  const CVC = new RegExp(`^${C}[aeiouy][^aeiouwxy]$`)

  const S1A = /^(.+?)(ss|i)es$/
  const S1A_S = /^(.+?)([^s])s$/
  const S1B_EED = /^(.+?)eed$/
  const S1B = /^(.+?)(ed|ing)$/
  const S1B_RESTORE_E = /(at|bl|iz)$/
  const S1B_DOUBLE = /([^aeiouylsz])\1$/
  const S1C = /^(.+?[^aeiou])y$/
  const S2 = new RegExp(`^(.+?)(${Object.keys(STEP2).join("|")})$`)
  const S3 = new RegExp(`^(.+?)(${Object.keys(STEP3).join("|")})$`)
  const S4 = new RegExp(`^(.+?)(${STEP4.join("|")})$`)
  const S4_ION = /^(.+?)(s|t)(ion)$/
  const S5 = /^(.+?)e$/

  function stem(word) {
    if (word.length < 3)
      return word
    const initialY = word[0] === "y"
    if (initialY)
      word = "Y" + word.slice(1)
    let match
    if ((match = S1A.exec(word)))
      word = match[1] + match[2]
    else if ((match = S1A_S.exec(word)))
      word = match[1] + match[2]

    if ((match = S1B_EED.exec(word))) {
      if (M_GT_0.test(match[1]))
        word = word.slice(0, -1)
    } else if ((match = S1B.exec(word)) && HAS_VOWEL.test(match[1])) {
      word = match[1]
      if (S1B_RESTORE_E.test(word))
        word += "e"
      else if (S1B_DOUBLE.test(word))
        word = word.slice(0, -1)
      else if (CVC.test(word))
        word += "e"
    }

    if ((match = S1C.exec(word)))
      word = match[1] + "i"
    if ((match = S2.exec(word)) && M_GT_0.test(match[1]))
      word = match[1] + STEP2[match[2]]
    if ((match = S3.exec(word)) && M_GT_0.test(match[1]))
      word = match[1] + STEP3[match[2]]

    if ((match = S4.exec(word))) {
      if (M_GT_1.test(match[1]))
        word = match[1]
    } else if ((match = S4_ION.exec(word))) {
      const kept = match[1] + match[2]
      if (M_GT_1.test(kept))
        word = kept
    }

    if ((match = S5.exec(word))) {
      const kept = match[1]
      if (M_GT_1.test(kept) || (M_EQ_1.test(kept) && !CVC.test(kept)))
        word = kept
    }
    if (word.endsWith("ll") && M_GT_1.test(word))
      word = word.slice(0, -1)

    if (initialY)
      word = "y" + word.slice(1)
    return word
  }

  global.ExplainerPorter = { stem }
})(typeof globalThis !== "undefined" ? globalThis : self)
