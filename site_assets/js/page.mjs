/*
 * codebook — the reading aids of code pages (contents that follow the reader, back to top, the
 * printout's address and date). Bundled into the classic script assets/page.js by bundle.mjs.
 */
import { startBackToTop, startContents } from "./toc.mjs";
import { startPrintMeta } from "./print-meta.mjs";

startContents(document, window);
startBackToTop(document, window);
startPrintMeta(document, window);
