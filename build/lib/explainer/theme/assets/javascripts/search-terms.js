// Search terms, in the browser: a rule-for-rule copy of src/explainer/search.py, whose
// docstrings say why each rule is there. Both pass the shared vectors in
// tests/engine/search_vectors.yml (pytest runs these in headless Chromium); change the two
// together. Plain JavaScript, no dependencies: the search worker loads it with
// importScripts (explainer-search.js), and it defines one global, ExplainerSearchTerms.
(function (global) {
  "use strict"

  // Where Material's tokenizer splits text into words (mkdocs.yml, search: separator)
  const SEPARATOR = String.raw`[\s\-:;!?=\[\]()"“”«»/،؛؟…]+|[.,](?!\d)`
  const MIN_STEM = 3
  const PROCLITICS = "وفبكل"
  const ARTICLE = "ال"
  const SUFFIXES = ["ات", "ون", "ين", "ان", "ها", "هم", "يه", "ه", "ي"]

  const INVISIBLE = /[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u0640]/g
  const DIACRITICS =
    /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed]/g
  // The rules of one index (explainer.search.Rules.as_json, from the language record):
  // the letters it folds, and whether it stems Arabic-script words. The index brings
  // them; without any, nothing is folded or stemmed.
  const NO_RULES = { letters: {}, stem: false }
  const patterns = new WeakMap()
  function letterPattern(rules) {
    if (!patterns.has(rules)) {
      const keys = Object.keys(rules.letters || {})
      patterns.set(rules, keys.length ? new RegExp("[" + keys.join("") + "]", "g") : null)
    }
    return patterns.get(rules)
  }
  const DIGIT = /[\u0660-\u0669\u06f0-\u06f9]/g
  const THOUSANDS = /(?<=[0-9])[,\u066c](?=[0-9]{3}(?![0-9]))/g
  const DECIMAL = /(?<=[0-9])\u066b(?=[0-9])/g
  const ARABIC_LETTER = /^[\u0621-\u063a\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06fa-\u06fc]/
  const ARABIC_WORD = /^[\u0621-\u063a\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06fa-\u06fc]+$/
  const LATIN_WORD = /^[a-z]+$/
  const SPLIT = new RegExp(SEPARATOR)
  const QUERY_WORD = /^([+-]?)([\s\S]*?)(\*?)$/

  function normalise(text, rules = NO_RULES) {
    const letter = letterPattern(rules)
    text = text.replace(INVISIBLE, "").replace(DIACRITICS, "")
    if (letter)
      text = text.replace(letter, c => rules.letters[c])
    return text
      .replace(DIGIT, c => String(c.charCodeAt(0) - (c >= "\u06f0" ? 0x06f0 : 0x0660)))
      .replace(THOUSANDS, "")
      .replace(DECIMAL, ".")
      .toLowerCase()
  }

  // English words are stemmed as lunr.js stems them (explainer/porter.py is the
  // Python copy): the worker hands over lunr's own stemmer before it takes its slot.
  let english = word => word

  function useEnglishStemmer(stemmer, Token) {
    english = word => stemmer(new Token(word)).toString()
  }

  function cliticForms(word, rules = NO_RULES) {
    if (!rules.stem)
      return [word]
    if (word.length > 1 && PROCLITICS.includes(word[0]) && !ARABIC_LETTER.test(word[1]))
      return [word, word.slice(1)]
    const forms = [word]
    if (!ARABIC_WORD.test(word))
      return forms
    for (;;) {
      if (word.startsWith(ARTICLE) && word.length - ARTICLE.length >= MIN_STEM) {
        forms.push(word.slice(ARTICLE.length))
        return forms
      }
      if (word.startsWith("لل") && word.length - 2 >= MIN_STEM) {
        forms.push(word.slice(2))
        return forms
      }
      const rest = word.slice(1)
      if (PROCLITICS.includes(word[0]) &&
          (rest.length > MIN_STEM || (rest.startsWith(ARTICLE) && rest.length > ARTICLE.length))) {
        word = rest
        forms.push(word)
      } else {
        return forms
      }
    }
  }

  function stem(word, rules = NO_RULES) {
    if (!rules.stem)
      return LATIN_WORD.test(word) ? english(word) : word
    if (word.length > 1 && PROCLITICS.includes(word[0]) && !ARABIC_LETTER.test(word[1])) {
      word = word.slice(1)
      return LATIN_WORD.test(word) ? english(word) : word
    }
    if (LATIN_WORD.test(word))
      return english(word)
    if (!ARABIC_WORD.test(word))
      return word
    word = cliticForms(word, rules).pop()
    let stripped = true
    while (stripped) {
      stripped = false
      for (const suffix of SUFFIXES) {
        if (word.endsWith(suffix) && word.length - suffix.length >= MIN_STEM) {
          word = word.slice(0, -suffix.length)
          stripped = true
          break
        }
      }
    }
    return word
  }

  function bare(word, rules) {
    return rules.stem && word.startsWith(ARTICLE) && word.length - ARTICLE.length >= MIN_STEM
      ? word.slice(ARTICLE.length)
      : word
  }

  function words(text) {
    return text.split(SPLIT).filter(Boolean)
  }

  function spellings(value) {
    return typeof value === "string" ? [value] : [...(value || [])]
  }

  function inOrder(group, lang) {
    const rest = Object.keys(group).filter(code => code !== lang)
    return spellings(group[lang]).concat(...rest.map(code => spellings(group[code])))
  }

  function startsAny(prefix, terms) {
    for (const term of terms)
      if (term.startsWith(prefix))
        return true
    return false
  }

  function contains(items, part) {
    for (let i = 0; i + part.length <= items.length; i++)
      if (part.every((term, j) => items[i + j] === term))
        return true
    return false
  }

  class Terms {
    constructor(groups = [], lang = "", rules = NO_RULES) {
      this.rules = rules
      this.names = new Map()
      this.synonyms = new Map()
      const ordered = groups.map(group => inOrder(group, lang))
      for (const written of ordered) {
        const single =
          written.map(words).filter(w => w.length === 1).map(w => normalise(w[0], rules))
        const named = single.filter(Boolean).map(spelling => [spelling, bare(spelling, rules)])
        for (const [spelling, name] of named) {
          if (!this.names.has(name))
            this.names.set(name, named[0][1])
          const base = stem(spelling, rules)
          if (base && name.startsWith(base) && !this.synonyms.has(base))
            this.synonyms.set(base, named[0][1])
        }
      }
      this.expansions = []
      groups.forEach((group, i) => {
        const names = ordered[i].map(spelling => this.terms(spelling))
        if (names.every(name => name.length <= 1))
          return
        const adds = [...new Set(spellings(group[lang]).flatMap(s => this.terms(s)))]
        for (const name of names)
          if (name.length)
            this.expansions.push([name, adds])
      })
    }

    key(word) {
      word = normalise(word, this.rules)
      for (const form of cliticForms(word, this.rules))
        if (this.names.has(form))
          return this.names.get(form)
      const base = stem(word, this.rules)
      return this.synonyms.has(base) ? this.synonyms.get(base) : base
    }

    terms(text) {
      return words(text).map(word => this.key(word)).filter(Boolean)
    }

    query(text, known = null) {
      let parts = []                        // [the word as Material gets it, its term]
      for (const chunk of text.split(/\s+/).filter(Boolean)) {
        const [, before, core, after] = QUERY_WORD.exec(chunk)
        for (const term of this.terms(core))
          parts.push([before + term + after, term])
      }
      const found = parts.map(([, term]) => term)
      const naming = new Set()
      for (const [name, adds] of this.expansions)
        if (contains(found, name)) {
          name.forEach(term => naming.add(term))
          for (const term of adds)
            if (!found.includes(term) && (known === null || known.has(term))) {
              parts.push([term, term])
              found.push(term)
            }
        }
      if (known !== null)
        parts = parts.filter(([, term]) => !naming.has(term) || startsAny(term, known))
      return parts.map(([word]) => word).join(" ")
    }
  }

  global.ExplainerSearchTerms = {
    SEPARATOR, MIN_STEM, normalise, stem, cliticForms, words, Terms, useEnglishStemmer,
  }
})(typeof globalThis !== "undefined" ? globalThis : self)
