// Small accessibility repairs to the theme's markup, in the page's own language.
// Material's search panel is a role="dialog" without a name: give it the name of the
// search field it holds, so a screen reader announces what the dialog is for.
document.querySelectorAll(".md-search[role=dialog]:not([aria-label])").forEach(dialog => {
  const field = dialog.querySelector(".md-search__input")
  if (field) dialog.setAttribute("aria-label", field.getAttribute("aria-label") || "Search")
})

// Material shows a title as a tooltip of its own (.md-tooltip2), appended to <body> and
// tied to its element by aria-describedby, so the title's language is lost: an English
// term's tooltip on an Arabic page would be read as Arabic. Give the tooltip the language
// of the element it describes. (Seams: explainer.seams, "tooltips".)
new MutationObserver(records => {
  for (const { target } of records) {
    const tooltip = document.getElementById(target.getAttribute("aria-describedby") || "")
    const lang = target.closest("[lang]")
    if (tooltip && tooltip.matches(".md-tooltip2") && lang) tooltip.setAttribute("lang", lang.lang)
  }
}).observe(document.body, { subtree: true, attributes: true, attributeFilter: ["aria-describedby"] })
