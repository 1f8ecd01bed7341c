/* Generated from site_assets/js/page.mjs by site_assets/js/bundle.mjs: edit the modules, then run `make js`. */
(() => {
  // site_assets/js/toc.mjs
  function pickCurrent(order, visible, previous) {
    for (const id of order) if (visible.has(id)) return id;
    return previous;
  }
  function readingBand(headerHeight) {
    return `-${Math.round(headerHeight)}px 0px -55% 0px`;
  }
  function startContents(doc, win) {
    const links = [...doc.querySelectorAll("nav.contents a[href^='#']")];
    const byId = new Map(links.map((a) => [a.getAttribute("href").slice(1), a]));
    const sections = [...byId.keys()].map((id) => doc.getElementById(id)).filter(Boolean);
    if (!sections.length || !("IntersectionObserver" in win)) return;
    const order = sections.map((s) => s.id);
    const visible = /* @__PURE__ */ new Set();
    let current = "";
    const header = doc.querySelector(".site-header");
    const observer = new win.IntersectionObserver(
      (entries) => {
        for (const e of entries) e.isIntersecting ? visible.add(e.target.id) : visible.delete(e.target.id);
        const next = pickCurrent(order, visible, current);
        if (next === current) return;
        if (current) byId.get(current).removeAttribute("aria-current");
        current = next;
        if (current) byId.get(current).setAttribute("aria-current", "true");
      },
      { rootMargin: readingBand(header ? header.getBoundingClientRect().height : 0) }
    );
    for (const s of sections) observer.observe(s);
  }
  function startBackToTop(doc, win) {
    const link = doc.getElementById("to-top");
    const heading = doc.querySelector("main h1");
    if (!link || !heading || !("IntersectionObserver" in win)) return;
    new win.IntersectionObserver(([e]) => {
      link.hidden = e.isIntersecting || e.boundingClientRect.top > 0;
    }).observe(heading);
  }

  // site_assets/js/print-meta.mjs
  function holdsCalculation(search) {
    const params = new URLSearchParams(search);
    for (const [key, value] of params) if (key !== "code" && value.trim() !== "") return true;
    return false;
  }
  function printDate(date) {
    const pad = (n) => String(n).padStart(2, "0");
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  }
  function preparePrint(doc, win, now) {
    const address = doc.getElementById("print-address");
    const date = doc.getElementById("print-date");
    if (address) address.textContent = win.location.href;
    if (date) date.textContent = ` on ${printDate(now)}`;
    doc.documentElement.classList.toggle("print-calculation", holdsCalculation(win.location.search));
  }
  function startPrintMeta(doc, win) {
    win.addEventListener("beforeprint", () => preparePrint(doc, win, /* @__PURE__ */ new Date()));
  }

  // site_assets/js/page.mjs
  startContents(document, window);
  startBackToTop(document, window);
  startPrintMeta(document, window);
})();
