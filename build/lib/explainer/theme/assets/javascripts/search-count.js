// The count of search results, in the plural forms of the page's language. Material
// writes it with three strings (none, one, other: "عدد النتائج: 5"); Arabic has six
// forms (0, 1, 2, 3-10, 11-99, 100+). The build puts in the page, as data
// (#explainer-plurals), the language's CLDR rules from Babel (explainer.plurals) and
// the forms from its language record; this script reads the number Material wrote,
// picks the form and writes it in place. A page without the data keeps Material's
// count. Material's seams it relies on: explainer.seams ("search-result count").
(() => {
  const data = document.getElementById("explainer-plurals")
  const config = document.getElementById("__config")
  const results = document.querySelector(".md-search-result")
  if (!data || !config || !results) return
  const { rules, result, more } = JSON.parse(data.textContent)
  const strings = JSON.parse(config.textContent).translations

  // Babel's syntax tree of a rule, for a whole number n: i is n, and a whole number has
  // no fraction digits (v, w, f, t) and no exponent (c, e).
  const operand = ([name, args], n) =>
    name === "mod" ? operand(args[0], n) % args[1][1][0] : name === "n" || name === "i" ? n : 0
  const holds = ([name, args], n) => {
    switch (name) {
      case "or": return holds(args[0], n) || holds(args[1], n)
      case "and": return holds(args[0], n) && holds(args[1], n)
      case "not": return !holds(args[0], n)
      case "is": return operand(args[0], n) === args[1][1][0]
      case "isnot": return operand(args[0], n) !== args[1][1][0]
      case "relation": {
        const value = operand(args[1], n)
        return args[2][1].some(([[, [low]], [, [high]]]) => value >= low && value <= high)
      }
    }
    throw new Error(`search-count.js: unknown plural rule node ${name}`)
  }
  const category = n => (rules.find(([, rule]) => holds(rule, n)) || ["other"])[0]

  // The number in a text Material wrote with one of its strings, or null
  const read = (text, strings) => {
    for (const [string, n] of strings) {
      if (string === undefined) continue
      if (!string.includes("#")) {
        if (text === string) return n
        continue
      }
      const [before, after] = string.split("#", 2)
      if (text.startsWith(before) && text.endsWith(after)) {
        const number = text.slice(before.length, text.length - after.length)
        if (/^\d+$/.test(number)) return +number  // not "1.2k" (over 999): left as it is
      }
    }
    return null
  }
  const rewrite = (element, forms, strings) => {
    const text = element.textContent.trim()
    const n = read(text, strings)
    if (n === null) return
    const form = (forms[category(n)] ?? forms.other).replace("#", n)
    if (form !== text) element.textContent = form  // ours reads as none of Material's
  }

  const update = () => {
    const meta = results.querySelector(".md-search-result__meta")
    if (meta)
      rewrite(meta, result, [
        [strings["search.result.none"], 0],
        [strings["search.result.one"], 1],
        [strings["search.result.other"], null],
      ])
    if (!Object.keys(more).length) return
    for (const summary of results.querySelectorAll(".md-search-result__more > summary > div"))
      rewrite(summary, more, [
        [strings["search.result.more.one"], 1],
        [strings["search.result.more.other"], null],
      ])
  }
  new MutationObserver(update).observe(results, { childList: true, subtree: true, characterData: true })
  update()
})()
