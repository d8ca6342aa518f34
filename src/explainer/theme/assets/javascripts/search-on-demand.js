// Search on first use: the index and the search worker load when a reader goes to the
// search box, not with every page.
//
// Material starts its search worker and fetches search/search_index.json (from file://,
// loads search/search_index.js) as soon as a page loads: most readers never search,
// and on a phone that is the largest download after the fonts. This script runs before
// Material's bundle (just before it, in the theme's `scripts` block) and holds three
// things back until the first focus on, or key press in, the search box (Material's
// "/" and "s" shortcuts focus it too):
// - the worker: `Worker` for an address under workers/ becomes a stand-in that keeps
//   listeners and messages and starts the real worker then (on file:// the real one is
//   the engine's iframe shim, loaded earlier, in the `libs` block);
// - the index request (XMLHttpRequest), and the index script (appended to <head>).
// Material queues the reader's query until the worker says it is ready, so results
// still come on the first keystroke. These are seams in Material's bundle:
// tests/engine/test_seams.py checks that it still fetches and loads the index this way.
(function () {
  "use strict"

  const INDEX = /\/search\/search_index\.js(on)?$/
  let release
  const used = new Promise(resolve => { release = resolve })

  function firstUse(event) {
    const target = event.target
    if (target instanceof Element && target.matches("input[data-md-component=search-query]")) {
      release()
      document.removeEventListener("focusin", firstUse, true)
      document.removeEventListener("keydown", firstUse, true)
    }
  }
  document.addEventListener("focusin", firstUse, true)
  document.addEventListener("keydown", firstUse, true)

  const RealWorker = self.Worker
  class WorkerOnDemand extends EventTarget {
    constructor(url, options) {
      super()
      this.onmessage = null
      this.onerror = null
      const pending = []
      this.postMessage = message => pending.push(message)
      this.terminate = () => { pending.length = 0; this.postMessage = () => {} }
      used.then(() => {
        const worker = new RealWorker(url, options)
        for (const type of ["message", "error", "messageerror"])
          worker.addEventListener(type, event => {
            const copy = new event.constructor(event.type, event)
            this.dispatchEvent(copy)
            const handler = this["on" + type]
            if (typeof handler === "function")
              handler.call(this, copy)
          })
        this.postMessage = message => worker.postMessage(message)
        this.terminate = () => worker.terminate()
        pending.splice(0).forEach(message => worker.postMessage(message))
      })
    }
  }
  self.Worker = function (url, options) {
    return /\/workers\//.test(String(url))
      ? new WorkerOnDemand(url, options)
      : new RealWorker(url, options)
  }

  const isIndex = url => INDEX.test(new URL(String(url), location.href).pathname)
  const open = XMLHttpRequest.prototype.open
  const send = XMLHttpRequest.prototype.send
  const deferred = new WeakSet()
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    if (isIndex(url))
      deferred.add(this)
    return open.call(this, method, url, ...rest)
  }
  XMLHttpRequest.prototype.send = function (...body) {
    if (!deferred.has(this))
      return send.apply(this, body)
    used.then(() => send.apply(this, body))
  }

  const append = document.head.appendChild.bind(document.head)
  document.head.appendChild = node => {
    if (node instanceof HTMLScriptElement && isIndex(node.src)) {
      used.then(() => append(node))
      return node
    }
    return append(node)
  }
})()
