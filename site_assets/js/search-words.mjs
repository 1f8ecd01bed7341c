/*
 * codebook — the word rule every part of search shares: lower case, accents dropped, split on
 * anything that is not a letter or digit. It must match codebook/search/records.py `words`
 * (tests/js/fixtures/words.json holds the cases both are tested against).
 */
export function words(text) {
  return String(text).toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "").match(/[a-z0-9]+/g) || [];
}
