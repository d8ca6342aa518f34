// Material's search worker, with the explainer's search terms (Arabic normalisation,
// light stemming, synonyms): see src/explainer/search.py for the rules and why.
//
// Material builds its lunr index in its worker, from the search index the page hands it
// (message SETUP), and answers each query there (QUERY). This script loads Material's
// worker and the terms (search-terms.js), and stands in front of it:
//
// - the index: lunr's default pipeline calls lunr.stemmer, so that slot holds the
//   term of each word (Terms.key), and SETUP's config is made to keep it. One word
//   gives one term, so Material still highlights the original text of the pages.
// - each query is rewritten into terms before Material parses it: Material appends `*`
//   to every query word, and lunr runs no pipeline on such words.
// - the synonyms and the index's language come in SETUP's config, under `explainer`
//   (written by the explainer plugin), so nothing else is fetched.
//
// Pages point at this file instead of Material's worker: the engine theme main.html (block
// config) turns Material's `workers/search.HASH.min.js` into
// `workers/explainer-search.js?search.HASH.min.js`, so the worker to load is the query.
// The same file runs as a real worker (online) and in the bundle's shim (offline, from
// file://, src/explainer/assets/explainer-iframe-worker.js), where importScripts returns
// a promise: hence Promise.resolve below, and absolute addresses made from this
// script's own.
(function () {
  "use strict"

  // Material's message types (explainer.seams checks them against its worker)
  const SETUP = 0
  const QUERY = 2
  const RESULT = 3

  const own = typeof document !== "undefined" && document.currentScript
    ? document.currentScript.src          // the shim: a <script> in a hidden frame
    : self.location.href
  const [address, worker = ""] = own.split("#")[0].split("?")
  const material = new URL(worker, address).href
  const library = new URL("../search-terms.js", address).href

  let terms = null                        // set once the scripts are in
  let known = null                        // the terms of the index, as it is built
  let recording = false                   // whether the pipeline is building the index
  let asked = []                          // the terms of the last query, in order
  let original = null                     // the address of the page showing the op-ed
  let loaded = false
  const pending = []
  const forwarded = new WeakSet()

  // Registered before Material's worker adds its own listener: every message from
  // the page stops here, and goes on to Material once prepared.
  addEventListener("message", event => {
    if (forwarded.has(event))
      return
    event.stopImmediatePropagation()
    pending.push(event.data)
    if (loaded)
      flush()
  })

  function flush() {
    while (pending.length) {
      const event = new MessageEvent("message", { data: prepare(pending.shift()) })
      forwarded.add(event)
      dispatchEvent(event)
    }
  }

  function prepare(message) {
    try {
      if (message.type === SETUP) {
        const config = message.data.config
        const settings = config.explainer || {}
        terms = new ExplainerSearchTerms.Terms(
          settings.synonyms || [], settings.lang || "", settings.rules)
        original = settings.original || null
        known = new Set()
        recording = true
        // Material removes each of trimmer, stopWordFilter and stemmer not listed here
        if (!config.pipeline.includes("stemmer"))
          config.pipeline = config.pipeline.concat("stemmer")
      } else if (message.type === QUERY) {
        const query = terms.query(message.data, known)
        asked = terms.terms(message.data)
        recording = false                   // the index is built: from here on, queries
        return { ...message, data: query }
      }
    } catch (error) {
      // loud, not a silent fallback: the browser tests fail on any console error
      console.error("explainer search: this query or index is not prepared", error)
    }
    return message
  }

  // Material ranks a page whose title holds one word of the query (a title weighs a
  // thousand times the text) above a section that holds every word of it. Its results
  // come grouped by page, each document saying which query terms it holds: pages go
  // in order of the most terms one of their documents holds, then of the longest run
  // of the query's words one of them holds in the query's order (a phrase), then in
  // Material's order, except that the page showing the op-ed comes after the
  // explainer's own pages that hold as much of the query, when only the op-ed's text
  // holds it (its title included, but not the page's own title and introduction): the
  // original holds every word of the op-ed, so it would tie with every section for
  // almost any query, while the sections are what a reader looks for.
  function rerank(message) {
    if (!message || message.type !== RESULT || !Array.isArray(message.data?.items))
      return message
    const best = (group, measure) => Math.max(0, ...group.map(measure))
    const held = document => Object.values(document.terms || {}).filter(Boolean).length
    const phrase = document => longestRun(
      terms.terms(`${document.title || ""} ${document.text || ""}`.replace(/<[^>]*>/g, " ")))
    // the original's own sections, not its page's introduction, which speaks of it
    const opEd = document => document.location.includes("#")
    const behind = group => {
      if (original === null || group[0].location.split("#")[0] !== original)
        return 0
      const most = best(group, held)
      return +group.filter(document => held(document) === most).every(opEd)
    }
    const items = message.data.items
      .map((group, order) => ({ group, order, held: best(group, held) }))
      .map(item => ({ ...item, phrase: asked.length > 1 ? best(item.group, phrase) : 0 }))
      .map(item => ({ ...item, behind: behind(item.group) }))
      .sort((a, b) => b.held - a.held || b.phrase - a.phrase || a.behind - b.behind ||
        a.order - b.order)
      .map(({ group }) => group)
    return { ...message, data: { ...message.data, items } }
  }

  // The most query terms a run of ``words`` matches in the query's order (a word
  // matches a term it starts with: Material searches each query word as a prefix)
  function longestRun(words) {
    let longest = 0
    for (let i = 0; i < words.length; i++)
      for (let j = 0; j < asked.length; j++) {
        let k = 0
        while (i + k < words.length && j + k < asked.length &&
               words[i + k].startsWith(asked[j + k]))
          k++
        longest = Math.max(longest, k)
      }
    return longest
  }

  // Material's worker answers with the global postMessage: the answer passes here
  const answer = self.postMessage.bind(self)
  self.postMessage = (message, ...rest) => answer(rerank(message), ...rest)

  // The index's pipeline (and the search pipeline, for a query word without `*`)
  function termOf(token) {
    const term = terms.key(token.toString())
    if (recording && known && term)
      known.add(term)
    return term ? token.update(() => term) : null
  }

  function install() {
    // lunr's English stemmer, kept for English words before termOf takes its slot
    ExplainerSearchTerms.useEnglishStemmer(lunr.stemmer, lunr.Token)
    terms = terms || new ExplainerSearchTerms.Terms()
    lunr.Pipeline.registerFunction(termOf, "explainerTerms")
    lunr.stemmer = termOf
    loaded = true
    flush()
  }

  // Synchronous in a worker; a promise in the shim
  Promise.resolve(importScripts(library, material)).then(install)
})()
