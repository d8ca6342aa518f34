// The single-file edition's own script (explainer.single_file): search over the index
// the file carries, glossary terms and source markers that open on a tap, and the
// link to the other languages kept on the section being read. It runs after
// search-terms.js and porter.js, inlined before it; nothing is fetched, no worker is
// started, and without it every link still leads where it says.
(function () {
  "use strict"

  const page = document.documentElement
  const index = JSON.parse(document.getElementById("sf-index").textContent)
  const strings = index.strings
  const digits = index.digits

  // Numbers in the language's own digits (its record's numbering system)
  function number(n) {
    return String(n).replace(/[0-9]/g, d => digits[+d])
  }

  // --- search ----------------------------------------------------------------------

  // search-terms.js takes lunr's stemmer and Token; the file carries no lunr, and
  // porter.js stems English words exactly as lunr does.
  function Token(word) { this.word = word }
  ExplainerSearchTerms.useEnglishStemmer(token => ExplainerPorter.stem(token.word), Token)
  const terms = new ExplainerSearchTerms.Terms(index.synonyms, index.lang, index.rules)
  const postings = Object.entries(index.terms)
  const known = new Set(Object.keys(index.terms))
  let titles = null                        // the terms of each document's title, once asked

  // A query, as terms: those wanted, and those a "-word" leaves out. A query word
  // finds every term it begins, as on the site (Material searches prefixes).
  function parse(text) {
    const wanted = []
    const unwanted = []
    for (const word of terms.query(text, known).split(" ")) {
      const [, sign, term] = /^([+-]?)(.*?)\*?$/.exec(word)
      if (term)
        (sign === "-" ? unwanted : wanted).push(term)
    }
    return { wanted, unwanted }
  }

  // The pages holding the query's terms, each with its documents, best first, in the
  // order the site's search
  // gives them (explainer-search.js): the most query terms held; then the longest run
  // of the query's words in order; then the op-ed's own text after the explainer's
  // sections (it holds every word of the op-ed, so it ties with almost any query);
  // then Material's own order, lunr's: BM25 on the title, which weighs a thousand
  // times more, and on the text; then reading order.
  function search({ wanted, unwanted }) {
    titles = titles || index.docs.map(doc => terms.terms(doc[2]))
    const documents = index.docs.length
    const length = doc => index.docs[doc][3] - titles[doc].length
    const averageTitle = titles.reduce((sum, title) => sum + title.length, 0) / documents
    const averageText = index.docs.reduce((sum, _, doc) => sum + length(doc), 0) / documents
    const bm25 = count => count * 2.2 / (count + 1.2)
    const held = new Map()                 // document -> the query terms it holds
    const score = new Map()                // document -> lunr's score of those terms
    for (const [term, docs] of postings) {
      const queries = wanted.filter(query => term.startsWith(query))
      if (!queries.length)
        continue
      const counts = new Map()
      docs.forEach(doc => counts.set(doc, (counts.get(doc) || 0) + 1))
      // lunr counts a document once for each field holding the term
      let fields = 0
      for (const [doc, count] of counts) {
        const inTitle = titles[doc].filter(word => word === term).length
        fields += +(inTitle > 0) + +(count > inTitle)
      }
      const idf = Math.log(1 + Math.abs((documents - fields + 0.5) / (fields + 0.5)))
      for (const [doc, count] of counts) {
        if (!held.has(doc))
          held.set(doc, new Set())
        queries.forEach(query => held.get(doc).add(query))
        const inTitle = titles[doc].filter(word => word === term).length
        const points = 1000 * bm25(inTitle) + bm25(count - inTitle)
        score.set(doc, (score.get(doc) || 0) + idf * points)
      }
    }
    for (const [term, docs] of postings)
      if (unwanted.some(query => term.startsWith(query)))
        docs.forEach(doc => held.delete(doc))
    // a page's own document: its title and introduction, before its first section
    const first = new Map()
    index.docs.forEach((doc, number) => first.has(doc[0]) || first.set(doc[0], number))
    const own = doc => +(first.get(index.docs[doc][0]) === doc)
    const opEd = doc => +(index.pages[index.docs[doc][0]][0] === index.original && !own(doc))
    // Material weighs a page's own document above its sections, and any document by
    // the share of the query it holds
    const weight = (doc, found) => 1 + (own(doc) + found / wanted.length) ** 2
    const phrase = doc => wanted.length > 1 ? longestRun(wordsOf(doc), wanted) : 0
    // as on the site, pages are ranked, each by the best of its documents, and each
    // page lists its documents in Material's order
    const pages = new Map()
    for (const [doc, found] of held) {
      const item = { doc, found: found.size, phrase: phrase(doc) }
      item.score = score.get(doc) * weight(doc, item.found)
      const page = index.docs[doc][0]
      pages.set(page, [...pages.get(page) || [], item])
    }
    const best = (items, key) => Math.max(...items.map(item => item[key]))
    return [...pages]
      .map(([page, items]) => {
        const found = best(items, "found")
        const behind = +items.filter(item => item.found === found).every(item => opEd(item.doc))
        return { page, items, found, behind, phrase: best(items, "phrase"), score: best(items, "score") }
      })
      .sort((a, b) => b.found - a.found || b.phrase - a.phrase || a.behind - b.behind ||
        b.score - a.score || a.page - b.page)
      .map(group => group.items.sort((a, b) => b.score - a.score || a.doc - b.doc))
      .map(items => items.map(item => item.doc))
  }

  // The terms of a document, its title and its text, in order
  function wordsOf(doc) {
    const heading = document.getElementById(index.docs[doc][1])
    return terms.terms(`${index.docs[doc][2]} ${heading ? documentText(heading) : ""}`)
  }

  // The most query terms a run of ``words`` matches in the query's order
  function longestRun(words, asked) {
    let longest = 0
    for (let i = 0; i < words.length; i++)
      for (let j = 0; j < asked.length; j++) {
        let k = 0
        while (i + k < words.length && j + k < asked.length && words[i + k].startsWith(asked[j + k]))
          k++
        longest = Math.max(longest, k)
      }
    return longest
  }

  // The words of a document under its heading, up to the next heading
  function documentText(heading) {
    const section = heading.closest(".sf-page")
    const walker = document.createTreeWalker(section, NodeFilter.SHOW_ALL)
    walker.currentNode = heading
    let text = ""
    for (let node = walker.nextNode(); node && text.length < 4000; node = walker.nextNode()) {
      if (node.nodeType === Node.ELEMENT_NODE && /^H[1-6]$/.test(node.tagName))
        break
      if (node.nodeType === Node.TEXT_NODE && !heading.contains(node) &&
          !node.parentElement.closest(".ex-ref, .ex-sources"))
        text += node.data
    }
    return text.replace(/\s+/g, " ").trim()
  }

  // A few words around the first one the query finds, those it finds marked
  function snippet(text, wanted, into) {
    const parts = text.split(/(\s+)/)
    const hits = parts.map(part => {
      const term = terms.key(part.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
      return term !== "" && wanted.some(query => term.startsWith(query))
    })
    const first = Math.max(0, hits.indexOf(true))
    const start = Math.max(0, first - 12)
    const end = Math.min(parts.length, first + 28)
    if (start > 0)
      into.append("… ")
    for (let i = start; i < end; i++) {
      if (hits[i]) {
        const mark = document.createElement("mark")
        mark.textContent = parts[i]
        into.append(mark)
      } else {
        into.append(parts[i])
      }
    }
    if (end < parts.length)
      into.append(" …")
  }

  const form = document.querySelector(".sf-search")
  const box = document.getElementById("sf-search")
  const list = document.getElementById("sf-results")
  const count = document.querySelector(".sf-count")
  const LIMIT = 3                           // documents listed under each page

  function show() {
    clearTimeout(timer)
    const text = box.value.trim()
    list.replaceChildren()
    list.dataset.query = box.value         // what the list shows results for
    if (!text) {
      count.textContent = ""
      return
    }
    const query = parse(text)
    const found = search(query)
    const total = found.reduce((sum, docs) => sum + docs.length, 0)
    count.textContent = total ? strings.results.replace("{count}", number(total)) : strings.none
    for (const doc of found.flatMap(docs => docs.slice(0, LIMIT))) {
      const [pageNumber, anchor, title] = index.docs[doc]
      const pageTitle = index.pages[pageNumber][1]
      const item = document.createElement("li")
      const link = document.createElement("a")
      link.href = "#" + anchor
      const where = document.createElement("span")
      where.className = "sf-results__page"
      where.textContent = pageTitle
      link.append(where)
      if (title && title !== pageTitle)
        link.append(" › " + title)
      item.append(link)
      const heading = document.getElementById(anchor)
      const text = heading ? documentText(heading) : ""
      if (text) {
        const words = document.createElement("p")
        snippet(text, query.wanted, words)
        item.append(words)
      }
      list.append(item)
    }
  }

  // a phone searches once the reader pauses, not at every letter
  let timer = 0
  function soon() {
    clearTimeout(timer)
    timer = setTimeout(show, 150)
  }

  form.hidden = false
  form.addEventListener("submit", event => {
    event.preventDefault()                   // nothing to send: the results are here
    show()
  })
  box.addEventListener("input", soon)
  box.addEventListener("search", show)       // the clear button of type=search

  // --- terms and source markers: open on a tap -----------------------------------

  const sheet = document.getElementById("sf-sheet")
  const sheetTitle = document.getElementById("sf-sheet-title")
  const sheetBody = sheet.querySelector(".sf-sheet__body")
  let opener = null

  function target(link) {
    const id = decodeURIComponent(link.getAttribute("href").slice(1))
    return document.getElementById(id)
  }

  function open(link) {
    sheetBody.replaceChildren()
    if (link.classList.contains("ex-term")) {
      sheetTitle.textContent = link.textContent
      const note = document.createElement("p")
      note.textContent = link.title
      if (link.lang)                         // the language of its title, as on the site
        note.lang = link.lang
      const entry = document.createElement("a")
      entry.href = link.getAttribute("href")
      entry.textContent = strings.glossary
      const more = document.createElement("p")
      more.append(entry)
      sheetBody.append(note, more)
    } else {
      sheetTitle.textContent = link.getAttribute("aria-label") || link.textContent
      const source = target(link)
      for (const child of source ? source.children : []) {
        const copy = child.cloneNode(true)
        copy.querySelectorAll(".footnote-backref").forEach(back => back.remove())
        copy.querySelectorAll("[id]").forEach(element => element.removeAttribute("id"))
        copy.removeAttribute("id")
        sheetBody.append(copy)
      }
    }
    opener = link
    sheet.showModal()
  }

  // An old browser without <dialog> follows the links instead: to the glossary entry,
  // to the list of sources, each with its way back.
  if (typeof sheet.showModal === "function") {
    document.addEventListener("click", event => {
      const link = event.target.closest("a.ex-term, sup.ex-ref a")
      if (!link || sheet.contains(link) || event.button !== 0 ||
          event.ctrlKey || event.metaKey || event.shiftKey || event.altKey)
        return
      event.preventDefault()
      open(link)
    })
    sheet.addEventListener("click", event => {
      if (event.target === sheet)            // the backdrop: the dialog has no padding
        sheet.close()
      else if (event.target.closest("a[href], .sf-sheet__close"))
        sheet.close()                         // a link inside goes where it says
    })
    sheet.addEventListener("close", () => {
      if (opener)
        opener.focus({ preventScroll: true })
      opener = null
    })
  }

  // --- the other languages, at the section being read ------------------------------

  function current() {
    let found = null
    for (const section of document.querySelectorAll(".sf-page"))
      if (section.getBoundingClientRect().top <= innerHeight / 3)
        found = section.id
    return found
  }

  for (const link of document.querySelectorAll("a.sf-lang")) {
    const file = link.getAttribute("href").split("#")[0]
    link.addEventListener("click", () => {
      const section = current()
      link.setAttribute("href", section ? `${file}#${section}` : file)
    })
  }

  page.classList.add("sf-js")
})()
