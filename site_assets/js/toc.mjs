/*
 * codebook — the contents list of a long page ("On this page") marks the section being read, and a
 * "Back to top" link appears once the heading has scrolled away (narrow screens; CSS hides it on wide
 * ones). Without JavaScript both are plain links. Only attributes change (aria-current, hidden), and
 * the styles for them take no extra room, so nothing on the page moves.
 */

/** The section to mark: the first one in page order inside the reading band, else the last marked. */
export function pickCurrent(order, visible, previous) {
  for (const id of order) if (visible.has(id)) return id;
  return previous;
}

/** The band near the top of the window (below the sticky header) that counts as "being read". */
export function readingBand(headerHeight) {
  return `-${Math.round(headerHeight)}px 0px -55% 0px`;
}

export function startContents(doc, win) {
  const links = [...doc.querySelectorAll("nav.contents a[href^='#']")];
  const byId = new Map(links.map((a) => [a.getAttribute("href").slice(1), a]));
  const sections = [...byId.keys()].map((id) => doc.getElementById(id)).filter(Boolean);
  if (!sections.length || !("IntersectionObserver" in win)) return;
  const order = sections.map((s) => s.id);
  const visible = new Set();
  let current = "";
  const header = doc.querySelector(".site-header");
  const observer = new win.IntersectionObserver(
    (entries) => {
      for (const e of entries) (e.isIntersecting ? visible.add(e.target.id) : visible.delete(e.target.id));
      const next = pickCurrent(order, visible, current);
      if (next === current) return;
      if (current) byId.get(current).removeAttribute("aria-current");
      current = next;
      if (current) byId.get(current).setAttribute("aria-current", "true");
    },
    { rootMargin: readingBand(header ? header.getBoundingClientRect().height : 0) },
  );
  for (const s of sections) observer.observe(s);
}

/** "Back to top" shows once the page's heading is above the window. */
export function startBackToTop(doc, win) {
  const link = doc.getElementById("to-top");
  const heading = doc.querySelector("main h1");
  if (!link || !heading || !("IntersectionObserver" in win)) return;
  new win.IntersectionObserver(([e]) => {
    link.hidden = e.isIntersecting || e.boundingClientRect.top > 0;
  }).observe(heading);
}
