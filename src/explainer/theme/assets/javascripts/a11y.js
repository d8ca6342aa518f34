// Small accessibility repairs to the theme's markup, in the page's own language.
// Material's search panel is a role="dialog" without a name: give it the name of the
// search field it holds, so a screen reader announces what the dialog is for.
document.querySelectorAll(".md-search[role=dialog]:not([aria-label])").forEach(dialog => {
  const field = dialog.querySelector(".md-search__input")
  if (field) dialog.setAttribute("aria-label", field.getAttribute("aria-label") || "Search")
})
