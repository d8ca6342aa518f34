// Search from file:// for the offline bundle: the engine's own stand-in for a Web Worker.
//
// Material runs its search in a Web Worker, and browsers start no worker for a page
// opened from file://. There, and only there, `Worker` becomes the stand-in below: it
// runs the worker's script in a hidden frame of the page, gives that frame the few
// globals a worker script relies on (a postMessage that answers the page, and
// importScripts), and passes messages both ways later and as copies, as a worker would.
//
// Two names are kept on purpose. Material's `offline` plugin adds a CDN copy of the npm
// package iframe-worker unless a script whose address holds "iframe-worker" is listed in
// extra.polyfills, hence this file's name. And Material's worker checks for
// `parent.IFrameWorker` to know it runs in a frame, where it loads its search languages
// from its own folder rather than the page's, hence that global.
//
// A frame written by a page inherits the page's Content-Security-Policy, so the one
// inline script of the frame must be allowed by its hash. That script is frameScript,
// between the two marker lines, written into the frame as `(SOURCE)()`, where SOURCE is
// the function exactly as it stands in this file (JavaScript hands a function's source
// back verbatim). src/explainer/shim.py reads the same lines to compute the hash, so
// editing the function needs no other change; but nothing page-specific may go in it.
(function () {
  "use strict"

  if (location.protocol !== "file:")
    return                              // served over HTTP, real workers run

  // frame script begins
  function frameScript() {
    "use strict"
    // Material's worker answers with the global postMessage: a frame's own would post
    // to the frame itself, so this one posts to the page that holds it.
    self.postMessage = data => parent.postMessage(data, "*")
    // A worker's importScripts loads in order and returns when done. A frame can only
    // wait for scripts asynchronously, so this one returns a promise (Material's worker
    // and ours await it). Addresses resolve against the worker's script, as in a worker.
    self.importScripts = (...urls) => urls.reduce((previous, url) => previous.then(() =>
      new Promise((resolve, reject) => {
        const script = document.createElement("script")
        script.src = new URL(url, document.querySelector("script[src]").src).href
        script.onload = resolve
        script.onerror = () => reject(new Error(`importScripts: cannot load ${url}`))
        document.body.append(script)
      })), Promise.resolve())
  }
  // frame script ends

  class FrameWorker extends EventTarget {
    constructor(url) {
      super()
      this.onmessage = null
      const address = new URL(url, document.baseURI).href.replace(/&/g, "&amp;")
      this.frame = document.createElement("iframe")
      this.frame.hidden = true
      // srcdoc, not document.write: the frame's document is complete from the start.
      // The worker's script comes after our globals, so it finds them, and it is the
      // frame's first script with an address, which is where Material's worker and
      // importScripts above look for the worker's own address.
      this.frame.srcdoc = "<!DOCTYPE html><body>" +
        `<script>(${frameScript})()</script><script src="${address}"></script>`
      // A worker keeps what the page sends before its script has run. The frame's load
      // event comes after its scripts have run (their listeners are then in place).
      this.ready = new Promise(resolve =>
        this.frame.addEventListener("load", resolve, { once: true }))
      // The frame answers through the page's window; only its own messages are ours.
      this.receive = event => {
        if (!this.frame.contentWindow || event.source !== this.frame.contentWindow)
          return
        const message = new MessageEvent("message", { data: event.data })
        this.dispatchEvent(message)
        if (typeof this.onmessage === "function")
          this.onmessage(message)
      }
      addEventListener("message", this.receive)
      document.body.append(this.frame)
    }

    postMessage(data) {
      // Later, and as a copy made in the frame's own realm, as a worker receives it
      this.ready.then(() => {
        const frame = this.frame.contentWindow
        if (frame)                          // null once terminated
          frame.dispatchEvent(
            new frame.MessageEvent("message", { data: frame.structuredClone(data) }))
      })
    }

    terminate() {
      removeEventListener("message", this.receive)
      this.frame.remove()
    }
  }

  window.IFrameWorker = FrameWorker
  window.Worker = FrameWorker
})()
