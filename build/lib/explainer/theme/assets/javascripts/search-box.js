// The search box takes the direction of what is typed into it (dir="auto"): a Latin
// query (UNESCO) reads left to right on the Arabic site, an Arabic one right to left on
// the English site. Material's template writes the box without it; this file, listed
// in mkdocs.yml (extra_javascript), adds it to the box of every page.
//
// An empty box has no direction of its own (Chromium lays it out left to right), so
// while it is empty, its placeholder follows the page's direction instead.
document.querySelectorAll("input.md-search__input").forEach(box => {
  box.setAttribute("dir", "auto")
  const page = getComputedStyle(box.parentElement).direction
  const update = () => { box.style.direction = box.value ? "" : page }
  for (const type of ["input", "keyup", "focus"])
    box.addEventListener(type, update)
  if (box.form)
    box.form.addEventListener("reset", () => setTimeout(update))
  update()
})
