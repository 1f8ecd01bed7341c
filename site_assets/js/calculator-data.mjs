/*
 * codebook — the stand-alone calculator's data, loaded when needed: one code's NDC rows
 * (assets/ndc/J9035.js) and the NDC → codes index in shards by first digits (assets/ndc/n004.js).
 * Each file is a classic script that adds itself to a global (codebook/calculator.py
 * ndc_data_scripts); a page loads one by injecting <script src>, which works from file:// where
 * fetch() does not. Only the page that needs a code's rows loads them, so no page carries them all.
 *
 * ndcLookupKeys(text) -> ["00469061773"]   the 11-digit forms a typed NDC may be ([] if none; a bare
 *   10-digit run has three readings: 4-4-2, 5-3-2 and 5-4-1, and each is looked up)
 * shardOf("00469061773") -> "004"           codesForNdc(index, text) -> [{ ndc: "00469-0617-73", code: "J7507" }]
 * loadScript(url) -> Promise<boolean>       (DOM; each url is requested once)
 */
import { dashed, normalizeNdc, tenDigitCandidates } from "./ndc.mjs";

export const SHARD_DIGITS = 3; // codebook/calculator.py NDC_SHARD_DIGITS

const undashed = (ndc) => ndc.replace(/-/g, "");

export function ndcLookupKeys(text) {
  const value = typeof text === "string" ? text.trim() : "";
  const one = normalizeNdc(value);
  if (one) return [undashed(one)];
  return /^[0-9]{10}$/.test(value) ? tenDigitCandidates(value).map(undashed) : [];
}

export function shardOf(digits) { return digits.slice(0, SHARD_DIGITS); }

/** Every (NDC, code) pair the typed text can be, from the shards loaded so far (index: shard -> table). */
export function codesForNdc(index, text) {
  const found = [];
  for (const digits of ndcLookupKeys(text)) {
    const table = (index && index[shardOf(digits)]) || {};
    for (const code of table[digits] || []) found.push({ ndc: dashed(digits), code });
  }
  return found;
}

const requested = new Map();

export function loadScript(url) {
  if (!requested.has(url)) {
    requested.set(url, new Promise((resolve) => {
      const script = document.createElement("script");
      script.src = url;
      script.addEventListener("load", () => resolve(true));
      script.addEventListener("error", () => resolve(false));
      document.head.append(script);
    }));
  }
  return requested.get(url);
}
