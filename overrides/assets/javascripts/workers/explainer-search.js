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
// Pages point at this file instead of Material's worker: overrides/main.html (block
// config) turns Material's `workers/search.HASH.min.js` into
// `workers/explainer-search.js?search.HASH.min.js`, so the worker to load is the query.
// The same file runs as a real worker (online) and in the iframe-worker shim (offline,
// from file://), which adds `?TIME` to the address, where importScripts returns a
// promise and relative addresses resolve against the page: hence absolute addresses,
// made from this script's own.
(function () {
  "use strict"

  const SETUP = 0
  const QUERY = 2

  const own = typeof document !== "undefined" && document.currentScript
    ? document.currentScript.src          // the shim: a <script> in a hidden frame
    : self.location.href
  const [address, worker = ""] = own.split("#")[0].split("?")
  const material = new URL(worker, address).href
  const library = new URL("../search-terms.js", address).href

  let terms = null                        // set once the scripts are in
  let known = null                        // the terms of the index, as it is built
  let recording = false                   // whether the pipeline is building the index
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
        terms = new ExplainerSearchTerms.Terms(settings.synonyms || [], settings.lang || "")
        known = new Set()
        recording = true
        // Material removes each of trimmer, stopWordFilter and stemmer not listed here
        if (!config.pipeline.includes("stemmer"))
          config.pipeline = config.pipeline.concat("stemmer")
      } else if (message.type === QUERY) {
        const query = terms.query(message.data, known)
        recording = false                   // the index is built: from here on, queries
        return { ...message, data: query }
      }
    } catch (error) {
      console.warn("explainer search: using Material's search unchanged", error)
    }
    return message
  }

  // The index's pipeline (and the search pipeline, for a query word without `*`)
  function termOf(token) {
    const term = terms.key(token.toString())
    if (recording && known && term)
      known.add(term)
    return term ? token.update(() => term) : null
  }

  function install() {
    terms = terms || new ExplainerSearchTerms.Terms()
    lunr.Pipeline.registerFunction(termOf, "explainerTerms")
    lunr.stemmer = termOf
    loaded = true
    flush()
  }

  // Synchronous in a worker; a promise in the shim
  Promise.resolve(importScripts(library, material)).then(install)
})()
