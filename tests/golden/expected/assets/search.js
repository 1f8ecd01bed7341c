/* Generated from site_assets/js/search-ui.mjs by site_assets/js/bundle.mjs: edit the modules, then run `make js`. */
/* Bundles minisearch 7.2.0 (npm), under this licence:

Copyright 2022 Luca Ongaro

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
*/
(() => {
  // node_modules/minisearch/dist/es/index.js
  var ENTRIES = "ENTRIES";
  var KEYS = "KEYS";
  var VALUES = "VALUES";
  var LEAF = "";
  var TreeIterator = class {
    constructor(set, type) {
      const node = set._tree;
      const keys = Array.from(node.keys());
      this.set = set;
      this._type = type;
      this._path = keys.length > 0 ? [{ node, keys }] : [];
    }
    next() {
      const value = this.dive();
      this.backtrack();
      return value;
    }
    dive() {
      if (this._path.length === 0) {
        return { done: true, value: void 0 };
      }
      const { node, keys } = last$1(this._path);
      if (last$1(keys) === LEAF) {
        return { done: false, value: this.result() };
      }
      const child = node.get(last$1(keys));
      this._path.push({ node: child, keys: Array.from(child.keys()) });
      return this.dive();
    }
    backtrack() {
      if (this._path.length === 0) {
        return;
      }
      const keys = last$1(this._path).keys;
      keys.pop();
      if (keys.length > 0) {
        return;
      }
      this._path.pop();
      this.backtrack();
    }
    key() {
      return this.set._prefix + this._path.map(({ keys }) => last$1(keys)).filter((key) => key !== LEAF).join("");
    }
    value() {
      return last$1(this._path).node.get(LEAF);
    }
    result() {
      switch (this._type) {
        case VALUES:
          return this.value();
        case KEYS:
          return this.key();
        default:
          return [this.key(), this.value()];
      }
    }
    [Symbol.iterator]() {
      return this;
    }
  };
  var last$1 = (array) => {
    return array[array.length - 1];
  };
  var fuzzySearch = (node, query, maxDistance) => {
    const results = /* @__PURE__ */ new Map();
    if (query === void 0)
      return results;
    const n = query.length + 1;
    const m = n + maxDistance;
    const matrix = new Uint8Array(m * n).fill(maxDistance + 1);
    for (let j = 0; j < n; ++j)
      matrix[j] = j;
    for (let i = 1; i < m; ++i)
      matrix[i * n] = i;
    recurse(node, query, maxDistance, results, matrix, 1, n, "");
    return results;
  };
  var recurse = (node, query, maxDistance, results, matrix, m, n, prefix) => {
    const offset = m * n;
    key: for (const key of node.keys()) {
      if (key === LEAF) {
        const distance = matrix[offset - 1];
        if (distance <= maxDistance) {
          results.set(prefix, [node.get(key), distance]);
        }
      } else {
        let i = m;
        for (let pos = 0; pos < key.length; ++pos, ++i) {
          const char = key[pos];
          const thisRowOffset = n * i;
          const prevRowOffset = thisRowOffset - n;
          let minDistance = matrix[thisRowOffset];
          const jmin = Math.max(0, i - maxDistance - 1);
          const jmax = Math.min(n - 1, i + maxDistance);
          for (let j = jmin; j < jmax; ++j) {
            const different = char !== query[j];
            const rpl = matrix[prevRowOffset + j] + +different;
            const del = matrix[prevRowOffset + j + 1] + 1;
            const ins = matrix[thisRowOffset + j] + 1;
            const dist = matrix[thisRowOffset + j + 1] = Math.min(rpl, del, ins);
            if (dist < minDistance)
              minDistance = dist;
          }
          if (minDistance > maxDistance) {
            continue key;
          }
        }
        recurse(node.get(key), query, maxDistance, results, matrix, i, n, prefix + key);
      }
    }
  };
  var SearchableMap = class _SearchableMap {
    /**
     * The constructor is normally called without arguments, creating an empty
     * map. In order to create a {@link SearchableMap} from an iterable or from an
     * object, check {@link SearchableMap.from} and {@link
     * SearchableMap.fromObject}.
     *
     * The constructor arguments are for internal use, when creating derived
     * mutable views of a map at a prefix.
     */
    constructor(tree = /* @__PURE__ */ new Map(), prefix = "") {
      this._size = void 0;
      this._tree = tree;
      this._prefix = prefix;
    }
    /**
     * Creates and returns a mutable view of this {@link SearchableMap},
     * containing only entries that share the given prefix.
     *
     * ### Usage:
     *
     * ```javascript
     * let map = new SearchableMap()
     * map.set("unicorn", 1)
     * map.set("universe", 2)
     * map.set("university", 3)
     * map.set("unique", 4)
     * map.set("hello", 5)
     *
     * let uni = map.atPrefix("uni")
     * uni.get("unique") // => 4
     * uni.get("unicorn") // => 1
     * uni.get("hello") // => undefined
     *
     * let univer = map.atPrefix("univer")
     * univer.get("unique") // => undefined
     * univer.get("universe") // => 2
     * univer.get("university") // => 3
     * ```
     *
     * @param prefix  The prefix
     * @return A {@link SearchableMap} representing a mutable view of the original
     * Map at the given prefix
     */
    atPrefix(prefix) {
      if (!prefix.startsWith(this._prefix)) {
        throw new Error("Mismatched prefix");
      }
      const [node, path] = trackDown(this._tree, prefix.slice(this._prefix.length));
      if (node === void 0) {
        const [parentNode, key] = last(path);
        for (const k of parentNode.keys()) {
          if (k !== LEAF && k.startsWith(key)) {
            const node2 = /* @__PURE__ */ new Map();
            node2.set(k.slice(key.length), parentNode.get(k));
            return new _SearchableMap(node2, prefix);
          }
        }
      }
      return new _SearchableMap(node, prefix);
    }
    /**
     * @see https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Map/clear
     */
    clear() {
      this._size = void 0;
      this._tree.clear();
    }
    /**
     * @see https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Map/delete
     * @param key  Key to delete
     */
    delete(key) {
      this._size = void 0;
      return remove(this._tree, key);
    }
    /**
     * @see https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Map/entries
     * @return An iterator iterating through `[key, value]` entries.
     */
    entries() {
      return new TreeIterator(this, ENTRIES);
    }
    /**
     * @see https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Map/forEach
     * @param fn  Iteration function
     */
    forEach(fn) {
      for (const [key, value] of this) {
        fn(key, value, this);
      }
    }
    /**
     * Returns a Map of all the entries that have a key within the given edit
     * distance from the search key. The keys of the returned Map are the matching
     * keys, while the values are two-element arrays where the first element is
     * the value associated to the key, and the second is the edit distance of the
     * key to the search key.
     *
     * ### Usage:
     *
     * ```javascript
     * let map = new SearchableMap()
     * map.set('hello', 'world')
     * map.set('hell', 'yeah')
     * map.set('ciao', 'mondo')
     *
     * // Get all entries that match the key 'hallo' with a maximum edit distance of 2
     * map.fuzzyGet('hallo', 2)
     * // => Map(2) { 'hello' => ['world', 1], 'hell' => ['yeah', 2] }
     *
     * // In the example, the "hello" key has value "world" and edit distance of 1
     * // (change "e" to "a"), the key "hell" has value "yeah" and edit distance of 2
     * // (change "e" to "a", delete "o")
     * ```
     *
     * @param key  The search key
     * @param maxEditDistance  The maximum edit distance (Levenshtein)
     * @return A Map of the matching keys to their value and edit distance
     */
    fuzzyGet(key, maxEditDistance) {
      return fuzzySearch(this._tree, key, maxEditDistance);
    }
    /**
     * @see https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Map/get
     * @param key  Key to get
     * @return Value associated to the key, or `undefined` if the key is not
     * found.
     */
    get(key) {
      const node = lookup(this._tree, key);
      return node !== void 0 ? node.get(LEAF) : void 0;
    }
    /**
     * @see https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Map/has
     * @param key  Key
     * @return True if the key is in the map, false otherwise
     */
    has(key) {
      const node = lookup(this._tree, key);
      return node !== void 0 && node.has(LEAF);
    }
    /**
     * @see https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Map/keys
     * @return An `Iterable` iterating through keys
     */
    keys() {
      return new TreeIterator(this, KEYS);
    }
    /**
     * @see https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Map/set
     * @param key  Key to set
     * @param value  Value to associate to the key
     * @return The {@link SearchableMap} itself, to allow chaining
     */
    set(key, value) {
      if (typeof key !== "string") {
        throw new Error("key must be a string");
      }
      this._size = void 0;
      const node = createPath(this._tree, key);
      node.set(LEAF, value);
      return this;
    }
    /**
     * @see https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Map/size
     */
    get size() {
      if (this._size) {
        return this._size;
      }
      this._size = 0;
      const iter = this.entries();
      while (!iter.next().done)
        this._size += 1;
      return this._size;
    }
    /**
     * Updates the value at the given key using the provided function. The function
     * is called with the current value at the key, and its return value is used as
     * the new value to be set.
     *
     * ### Example:
     *
     * ```javascript
     * // Increment the current value by one
     * searchableMap.update('somekey', (currentValue) => currentValue == null ? 0 : currentValue + 1)
     * ```
     *
     * If the value at the given key is or will be an object, it might not require
     * re-assignment. In that case it is better to use `fetch()`, because it is
     * faster.
     *
     * @param key  The key to update
     * @param fn  The function used to compute the new value from the current one
     * @return The {@link SearchableMap} itself, to allow chaining
     */
    update(key, fn) {
      if (typeof key !== "string") {
        throw new Error("key must be a string");
      }
      this._size = void 0;
      const node = createPath(this._tree, key);
      node.set(LEAF, fn(node.get(LEAF)));
      return this;
    }
    /**
     * Fetches the value of the given key. If the value does not exist, calls the
     * given function to create a new value, which is inserted at the given key
     * and subsequently returned.
     *
     * ### Example:
     *
     * ```javascript
     * const map = searchableMap.fetch('somekey', () => new Map())
     * map.set('foo', 'bar')
     * ```
     *
     * @param key  The key to update
     * @param initial  A function that creates a new value if the key does not exist
     * @return The existing or new value at the given key
     */
    fetch(key, initial) {
      if (typeof key !== "string") {
        throw new Error("key must be a string");
      }
      this._size = void 0;
      const node = createPath(this._tree, key);
      let value = node.get(LEAF);
      if (value === void 0) {
        node.set(LEAF, value = initial());
      }
      return value;
    }
    /**
     * @see https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Map/values
     * @return An `Iterable` iterating through values.
     */
    values() {
      return new TreeIterator(this, VALUES);
    }
    /**
     * @see https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Map/@@iterator
     */
    [Symbol.iterator]() {
      return this.entries();
    }
    /**
     * Creates a {@link SearchableMap} from an `Iterable` of entries
     *
     * @param entries  Entries to be inserted in the {@link SearchableMap}
     * @return A new {@link SearchableMap} with the given entries
     */
    static from(entries) {
      const tree = new _SearchableMap();
      for (const [key, value] of entries) {
        tree.set(key, value);
      }
      return tree;
    }
    /**
     * Creates a {@link SearchableMap} from the iterable properties of a JavaScript object
     *
     * @param object  Object of entries for the {@link SearchableMap}
     * @return A new {@link SearchableMap} with the given entries
     */
    static fromObject(object) {
      return _SearchableMap.from(Object.entries(object));
    }
  };
  var trackDown = (tree, key, path = []) => {
    if (key.length === 0 || tree == null) {
      return [tree, path];
    }
    for (const k of tree.keys()) {
      if (k !== LEAF && key.startsWith(k)) {
        path.push([tree, k]);
        return trackDown(tree.get(k), key.slice(k.length), path);
      }
    }
    path.push([tree, key]);
    return trackDown(void 0, "", path);
  };
  var lookup = (tree, key) => {
    if (key.length === 0 || tree == null) {
      return tree;
    }
    for (const k of tree.keys()) {
      if (k !== LEAF && key.startsWith(k)) {
        return lookup(tree.get(k), key.slice(k.length));
      }
    }
  };
  var createPath = (node, key) => {
    const keyLength = key.length;
    outer: for (let pos = 0; node && pos < keyLength; ) {
      for (const k of node.keys()) {
        if (k !== LEAF && key[pos] === k[0]) {
          const len = Math.min(keyLength - pos, k.length);
          let offset = 1;
          while (offset < len && key[pos + offset] === k[offset])
            ++offset;
          const child2 = node.get(k);
          if (offset === k.length) {
            node = child2;
          } else {
            const intermediate = /* @__PURE__ */ new Map();
            intermediate.set(k.slice(offset), child2);
            node.set(key.slice(pos, pos + offset), intermediate);
            node.delete(k);
            node = intermediate;
          }
          pos += offset;
          continue outer;
        }
      }
      const child = /* @__PURE__ */ new Map();
      node.set(key.slice(pos), child);
      return child;
    }
    return node;
  };
  var remove = (tree, key) => {
    const [node, path] = trackDown(tree, key);
    if (node === void 0) {
      return;
    }
    node.delete(LEAF);
    if (node.size === 0) {
      cleanup(path);
    } else if (node.size === 1) {
      const [key2, value] = node.entries().next().value;
      merge(path, key2, value);
    }
  };
  var cleanup = (path) => {
    if (path.length === 0) {
      return;
    }
    const [node, key] = last(path);
    node.delete(key);
    if (node.size === 0) {
      cleanup(path.slice(0, -1));
    } else if (node.size === 1) {
      const [key2, value] = node.entries().next().value;
      if (key2 !== LEAF) {
        merge(path.slice(0, -1), key2, value);
      }
    }
  };
  var merge = (path, key, value) => {
    if (path.length === 0) {
      return;
    }
    const [node, nodeKey] = last(path);
    node.set(nodeKey + key, value);
    node.delete(nodeKey);
  };
  var last = (array) => {
    return array[array.length - 1];
  };
  var OR = "or";
  var AND = "and";
  var AND_NOT = "and_not";
  var MiniSearch = class _MiniSearch {
    /**
     * @param options  Configuration options
     *
     * ### Examples:
     *
     * ```javascript
     * // Create a search engine that indexes the 'title' and 'text' fields of your
     * // documents:
     * const miniSearch = new MiniSearch({ fields: ['title', 'text'] })
     * ```
     *
     * ### ID Field:
     *
     * ```javascript
     * // Your documents are assumed to include a unique 'id' field, but if you want
     * // to use a different field for document identification, you can set the
     * // 'idField' option:
     * const miniSearch = new MiniSearch({ idField: 'key', fields: ['title', 'text'] })
     * ```
     *
     * ### Options and defaults:
     *
     * ```javascript
     * // The full set of options (here with their default value) is:
     * const miniSearch = new MiniSearch({
     *   // idField: field that uniquely identifies a document
     *   idField: 'id',
     *
     *   // extractField: function used to get the value of a field in a document.
     *   // By default, it assumes the document is a flat object with field names as
     *   // property keys and field values as string property values, but custom logic
     *   // can be implemented by setting this option to a custom extractor function.
     *   extractField: (document, fieldName) => document[fieldName],
     *
     *   // tokenize: function used to split fields into individual terms. By
     *   // default, it is also used to tokenize search queries, unless a specific
     *   // `tokenize` search option is supplied. When tokenizing an indexed field,
     *   // the field name is passed as the second argument.
     *   tokenize: (string, _fieldName) => string.split(SPACE_OR_PUNCTUATION),
     *
     *   // processTerm: function used to process each tokenized term before
     *   // indexing. It can be used for stemming and normalization. Return a falsy
     *   // value in order to discard a term. By default, it is also used to process
     *   // search queries, unless a specific `processTerm` option is supplied as a
     *   // search option. When processing a term from a indexed field, the field
     *   // name is passed as the second argument.
     *   processTerm: (term, _fieldName) => term.toLowerCase(),
     *
     *   // searchOptions: default search options, see the `search` method for
     *   // details
     *   searchOptions: undefined,
     *
     *   // fields: document fields to be indexed. Mandatory, but not set by default
     *   fields: undefined
     *
     *   // storeFields: document fields to be stored and returned as part of the
     *   // search results.
     *   storeFields: []
     * })
     * ```
     */
    constructor(options) {
      if ((options === null || options === void 0 ? void 0 : options.fields) == null) {
        throw new Error('MiniSearch: option "fields" must be provided');
      }
      const autoVacuum = options.autoVacuum == null || options.autoVacuum === true ? defaultAutoVacuumOptions : options.autoVacuum;
      this._options = {
        ...defaultOptions,
        ...options,
        autoVacuum,
        searchOptions: { ...defaultSearchOptions, ...options.searchOptions || {} },
        autoSuggestOptions: { ...defaultAutoSuggestOptions, ...options.autoSuggestOptions || {} }
      };
      this._index = new SearchableMap();
      this._documentCount = 0;
      this._documentIds = /* @__PURE__ */ new Map();
      this._idToShortId = /* @__PURE__ */ new Map();
      this._fieldIds = {};
      this._fieldLength = /* @__PURE__ */ new Map();
      this._avgFieldLength = [];
      this._nextId = 0;
      this._storedFields = /* @__PURE__ */ new Map();
      this._dirtCount = 0;
      this._currentVacuum = null;
      this._enqueuedVacuum = null;
      this._enqueuedVacuumConditions = defaultVacuumConditions;
      this.addFields(this._options.fields);
    }
    /**
     * Adds a document to the index
     *
     * @param document  The document to be indexed
     */
    add(document2) {
      const { extractField, stringifyField, tokenize: tokenize2, processTerm, fields, idField } = this._options;
      const id = extractField(document2, idField);
      if (id == null) {
        throw new Error(`MiniSearch: document does not have ID field "${idField}"`);
      }
      if (this._idToShortId.has(id)) {
        throw new Error(`MiniSearch: duplicate ID ${id}`);
      }
      const shortDocumentId = this.addDocumentId(id);
      this.saveStoredFields(shortDocumentId, document2);
      for (const field of fields) {
        const fieldValue = extractField(document2, field);
        if (fieldValue == null)
          continue;
        const tokens = tokenize2(stringifyField(fieldValue, field), field);
        const fieldId = this._fieldIds[field];
        const uniqueTerms = new Set(tokens).size;
        this.addFieldLength(shortDocumentId, fieldId, this._documentCount - 1, uniqueTerms);
        for (const term of tokens) {
          const processedTerm = processTerm(term, field);
          if (Array.isArray(processedTerm)) {
            for (const t of processedTerm) {
              this.addTerm(fieldId, shortDocumentId, t);
            }
          } else if (processedTerm) {
            this.addTerm(fieldId, shortDocumentId, processedTerm);
          }
        }
      }
    }
    /**
     * Adds all the given documents to the index
     *
     * @param documents  An array of documents to be indexed
     */
    addAll(documents) {
      for (const document2 of documents)
        this.add(document2);
    }
    /**
     * Adds all the given documents to the index asynchronously.
     *
     * Returns a promise that resolves (to `undefined`) when the indexing is done.
     * This method is useful when index many documents, to avoid blocking the main
     * thread. The indexing is performed asynchronously and in chunks.
     *
     * @param documents  An array of documents to be indexed
     * @param options  Configuration options
     * @return A promise resolving to `undefined` when the indexing is done
     */
    addAllAsync(documents, options = {}) {
      const { chunkSize = 10 } = options;
      const acc = { chunk: [], promise: Promise.resolve() };
      const { chunk, promise } = documents.reduce(({ chunk: chunk2, promise: promise2 }, document2, i) => {
        chunk2.push(document2);
        if ((i + 1) % chunkSize === 0) {
          return {
            chunk: [],
            promise: promise2.then(() => new Promise((resolve) => setTimeout(resolve, 0))).then(() => this.addAll(chunk2))
          };
        } else {
          return { chunk: chunk2, promise: promise2 };
        }
      }, acc);
      return promise.then(() => this.addAll(chunk));
    }
    /**
     * Removes the given document from the index.
     *
     * The document to remove must NOT have changed between indexing and removal,
     * otherwise the index will be corrupted.
     *
     * This method requires passing the full document to be removed (not just the
     * ID), and immediately removes the document from the inverted index, allowing
     * memory to be released. A convenient alternative is {@link
     * MiniSearch#discard}, which needs only the document ID, and has the same
     * visible effect, but delays cleaning up the index until the next vacuuming.
     *
     * @param document  The document to be removed
     */
    remove(document2) {
      const { tokenize: tokenize2, processTerm, extractField, stringifyField, fields, idField } = this._options;
      const id = extractField(document2, idField);
      if (id == null) {
        throw new Error(`MiniSearch: document does not have ID field "${idField}"`);
      }
      const shortId = this._idToShortId.get(id);
      if (shortId == null) {
        throw new Error(`MiniSearch: cannot remove document with ID ${id}: it is not in the index`);
      }
      for (const field of fields) {
        const fieldValue = extractField(document2, field);
        if (fieldValue == null)
          continue;
        const tokens = tokenize2(stringifyField(fieldValue, field), field);
        const fieldId = this._fieldIds[field];
        const uniqueTerms = new Set(tokens).size;
        this.removeFieldLength(shortId, fieldId, this._documentCount, uniqueTerms);
        for (const term of tokens) {
          const processedTerm = processTerm(term, field);
          if (Array.isArray(processedTerm)) {
            for (const t of processedTerm) {
              this.removeTerm(fieldId, shortId, t);
            }
          } else if (processedTerm) {
            this.removeTerm(fieldId, shortId, processedTerm);
          }
        }
      }
      this._storedFields.delete(shortId);
      this._documentIds.delete(shortId);
      this._idToShortId.delete(id);
      this._fieldLength.delete(shortId);
      this._documentCount -= 1;
    }
    /**
     * Removes all the given documents from the index. If called with no arguments,
     * it removes _all_ documents from the index.
     *
     * @param documents  The documents to be removed. If this argument is omitted,
     * all documents are removed. Note that, for removing all documents, it is
     * more efficient to call this method with no arguments than to pass all
     * documents.
     */
    removeAll(documents) {
      if (documents) {
        for (const document2 of documents)
          this.remove(document2);
      } else if (arguments.length > 0) {
        throw new Error("Expected documents to be present. Omit the argument to remove all documents.");
      } else {
        this._index = new SearchableMap();
        this._documentCount = 0;
        this._documentIds = /* @__PURE__ */ new Map();
        this._idToShortId = /* @__PURE__ */ new Map();
        this._fieldLength = /* @__PURE__ */ new Map();
        this._avgFieldLength = [];
        this._storedFields = /* @__PURE__ */ new Map();
        this._nextId = 0;
      }
    }
    /**
     * Discards the document with the given ID, so it won't appear in search results
     *
     * It has the same visible effect of {@link MiniSearch.remove} (both cause the
     * document to stop appearing in searches), but a different effect on the
     * internal data structures:
     *
     *   - {@link MiniSearch#remove} requires passing the full document to be
     *   removed as argument, and removes it from the inverted index immediately.
     *
     *   - {@link MiniSearch#discard} instead only needs the document ID, and
     *   works by marking the current version of the document as discarded, so it
     *   is immediately ignored by searches. This is faster and more convenient
     *   than {@link MiniSearch#remove}, but the index is not immediately
     *   modified. To take care of that, vacuuming is performed after a certain
     *   number of documents are discarded, cleaning up the index and allowing
     *   memory to be released.
     *
     * After discarding a document, it is possible to re-add a new version, and
     * only the new version will appear in searches. In other words, discarding
     * and re-adding a document works exactly like removing and re-adding it. The
     * {@link MiniSearch.replace} method can also be used to replace a document
     * with a new version.
     *
     * #### Details about vacuuming
     *
     * Repetite calls to this method would leave obsolete document references in
     * the index, invisible to searches. Two mechanisms take care of cleaning up:
     * clean up during search, and vacuuming.
     *
     *   - Upon search, whenever a discarded ID is found (and ignored for the
     *   results), references to the discarded document are removed from the
     *   inverted index entries for the search terms. This ensures that subsequent
     *   searches for the same terms do not need to skip these obsolete references
     *   again.
     *
     *   - In addition, vacuuming is performed automatically by default (see the
     *   `autoVacuum` field in {@link Options}) after a certain number of
     *   documents are discarded. Vacuuming traverses all terms in the index,
     *   cleaning up all references to discarded documents. Vacuuming can also be
     *   triggered manually by calling {@link MiniSearch#vacuum}.
     *
     * @param id  The ID of the document to be discarded
     */
    discard(id) {
      const shortId = this._idToShortId.get(id);
      if (shortId == null) {
        throw new Error(`MiniSearch: cannot discard document with ID ${id}: it is not in the index`);
      }
      this._idToShortId.delete(id);
      this._documentIds.delete(shortId);
      this._storedFields.delete(shortId);
      (this._fieldLength.get(shortId) || []).forEach((fieldLength, fieldId) => {
        this.removeFieldLength(shortId, fieldId, this._documentCount, fieldLength);
      });
      this._fieldLength.delete(shortId);
      this._documentCount -= 1;
      this._dirtCount += 1;
      this.maybeAutoVacuum();
    }
    maybeAutoVacuum() {
      if (this._options.autoVacuum === false) {
        return;
      }
      const { minDirtFactor, minDirtCount, batchSize, batchWait } = this._options.autoVacuum;
      this.conditionalVacuum({ batchSize, batchWait }, { minDirtCount, minDirtFactor });
    }
    /**
     * Discards the documents with the given IDs, so they won't appear in search
     * results
     *
     * It is equivalent to calling {@link MiniSearch#discard} for all the given
     * IDs, but with the optimization of triggering at most one automatic
     * vacuuming at the end.
     *
     * Note: to remove all documents from the index, it is faster and more
     * convenient to call {@link MiniSearch.removeAll} with no argument, instead
     * of passing all IDs to this method.
     */
    discardAll(ids) {
      const autoVacuum = this._options.autoVacuum;
      try {
        this._options.autoVacuum = false;
        for (const id of ids) {
          this.discard(id);
        }
      } finally {
        this._options.autoVacuum = autoVacuum;
      }
      this.maybeAutoVacuum();
    }
    /**
     * It replaces an existing document with the given updated version
     *
     * It works by discarding the current version and adding the updated one, so
     * it is functionally equivalent to calling {@link MiniSearch#discard}
     * followed by {@link MiniSearch#add}. The ID of the updated document should
     * be the same as the original one.
     *
     * Since it uses {@link MiniSearch#discard} internally, this method relies on
     * vacuuming to clean up obsolete document references from the index, allowing
     * memory to be released (see {@link MiniSearch#discard}).
     *
     * @param updatedDocument  The updated document to replace the old version
     * with
     */
    replace(updatedDocument) {
      const { idField, extractField } = this._options;
      const id = extractField(updatedDocument, idField);
      this.discard(id);
      this.add(updatedDocument);
    }
    /**
     * Triggers a manual vacuuming, cleaning up references to discarded documents
     * from the inverted index
     *
     * Vacuuming is only useful for applications that use the {@link
     * MiniSearch#discard} or {@link MiniSearch#replace} methods.
     *
     * By default, vacuuming is performed automatically when needed (controlled by
     * the `autoVacuum` field in {@link Options}), so there is usually no need to
     * call this method, unless one wants to make sure to perform vacuuming at a
     * specific moment.
     *
     * Vacuuming traverses all terms in the inverted index in batches, and cleans
     * up references to discarded documents from the posting list, allowing memory
     * to be released.
     *
     * The method takes an optional object as argument with the following keys:
     *
     *   - `batchSize`: the size of each batch (1000 by default)
     *
     *   - `batchWait`: the number of milliseconds to wait between batches (10 by
     *   default)
     *
     * On large indexes, vacuuming could have a non-negligible cost: batching
     * avoids blocking the thread for long, diluting this cost so that it is not
     * negatively affecting the application. Nonetheless, this method should only
     * be called when necessary, and relying on automatic vacuuming is usually
     * better.
     *
     * It returns a promise that resolves (to undefined) when the clean up is
     * completed. If vacuuming is already ongoing at the time this method is
     * called, a new one is enqueued immediately after the ongoing one, and a
     * corresponding promise is returned. However, no more than one vacuuming is
     * enqueued on top of the ongoing one, even if this method is called more
     * times (enqueuing multiple ones would be useless).
     *
     * @param options  Configuration options for the batch size and delay. See
     * {@link VacuumOptions}.
     */
    vacuum(options = {}) {
      return this.conditionalVacuum(options);
    }
    conditionalVacuum(options, conditions) {
      if (this._currentVacuum) {
        this._enqueuedVacuumConditions = this._enqueuedVacuumConditions && conditions;
        if (this._enqueuedVacuum != null) {
          return this._enqueuedVacuum;
        }
        this._enqueuedVacuum = this._currentVacuum.then(() => {
          const conditions2 = this._enqueuedVacuumConditions;
          this._enqueuedVacuumConditions = defaultVacuumConditions;
          return this.performVacuuming(options, conditions2);
        });
        return this._enqueuedVacuum;
      }
      if (this.vacuumConditionsMet(conditions) === false) {
        return Promise.resolve();
      }
      this._currentVacuum = this.performVacuuming(options);
      return this._currentVacuum;
    }
    async performVacuuming(options, conditions) {
      const initialDirtCount = this._dirtCount;
      if (this.vacuumConditionsMet(conditions)) {
        const batchSize = options.batchSize || defaultVacuumOptions.batchSize;
        const batchWait = options.batchWait || defaultVacuumOptions.batchWait;
        let i = 1;
        for (const [term, fieldsData] of this._index) {
          for (const [fieldId, fieldIndex] of fieldsData) {
            for (const [shortId] of fieldIndex) {
              if (this._documentIds.has(shortId)) {
                continue;
              }
              if (fieldIndex.size <= 1) {
                fieldsData.delete(fieldId);
              } else {
                fieldIndex.delete(shortId);
              }
            }
          }
          if (this._index.get(term).size === 0) {
            this._index.delete(term);
          }
          if (i % batchSize === 0) {
            await new Promise((resolve) => setTimeout(resolve, batchWait));
          }
          i += 1;
        }
        this._dirtCount -= initialDirtCount;
      }
      await null;
      this._currentVacuum = this._enqueuedVacuum;
      this._enqueuedVacuum = null;
    }
    vacuumConditionsMet(conditions) {
      if (conditions == null) {
        return true;
      }
      let { minDirtCount, minDirtFactor } = conditions;
      minDirtCount = minDirtCount || defaultAutoVacuumOptions.minDirtCount;
      minDirtFactor = minDirtFactor || defaultAutoVacuumOptions.minDirtFactor;
      return this.dirtCount >= minDirtCount && this.dirtFactor >= minDirtFactor;
    }
    /**
     * Is `true` if a vacuuming operation is ongoing, `false` otherwise
     */
    get isVacuuming() {
      return this._currentVacuum != null;
    }
    /**
     * The number of documents discarded since the most recent vacuuming
     */
    get dirtCount() {
      return this._dirtCount;
    }
    /**
     * A number between 0 and 1 giving an indication about the proportion of
     * documents that are discarded, and can therefore be cleaned up by vacuuming.
     * A value close to 0 means that the index is relatively clean, while a higher
     * value means that the index is relatively dirty, and vacuuming could release
     * memory.
     */
    get dirtFactor() {
      return this._dirtCount / (1 + this._documentCount + this._dirtCount);
    }
    /**
     * Returns `true` if a document with the given ID is present in the index and
     * available for search, `false` otherwise
     *
     * @param id  The document ID
     */
    has(id) {
      return this._idToShortId.has(id);
    }
    /**
     * Returns the stored fields (as configured in the `storeFields` constructor
     * option) for the given document ID. Returns `undefined` if the document is
     * not present in the index.
     *
     * @param id  The document ID
     */
    getStoredFields(id) {
      const shortId = this._idToShortId.get(id);
      if (shortId == null) {
        return void 0;
      }
      return this._storedFields.get(shortId);
    }
    /**
     * Search for documents matching the given search query.
     *
     * The result is a list of scored document IDs matching the query, sorted by
     * descending score, and each including data about which terms were matched and
     * in which fields.
     *
     * ### Basic usage:
     *
     * ```javascript
     * // Search for "zen art motorcycle" with default options: terms have to match
     * // exactly, and individual terms are joined with OR
     * miniSearch.search('zen art motorcycle')
     * // => [ { id: 2, score: 2.77258, match: { ... } }, { id: 4, score: 1.38629, match: { ... } } ]
     * ```
     *
     * ### Restrict search to specific fields:
     *
     * ```javascript
     * // Search only in the 'title' field
     * miniSearch.search('zen', { fields: ['title'] })
     * ```
     *
     * ### Field boosting:
     *
     * ```javascript
     * // Boost a field
     * miniSearch.search('zen', { boost: { title: 2 } })
     * ```
     *
     * ### Prefix search:
     *
     * ```javascript
     * // Search for "moto" with prefix search (it will match documents
     * // containing terms that start with "moto" or "neuro")
     * miniSearch.search('moto neuro', { prefix: true })
     * ```
     *
     * ### Fuzzy search:
     *
     * ```javascript
     * // Search for "ismael" with fuzzy search (it will match documents containing
     * // terms similar to "ismael", with a maximum edit distance of 0.2 term.length
     * // (rounded to nearest integer)
     * miniSearch.search('ismael', { fuzzy: 0.2 })
     * ```
     *
     * ### Combining strategies:
     *
     * ```javascript
     * // Mix of exact match, prefix search, and fuzzy search
     * miniSearch.search('ismael mob', {
     *  prefix: true,
     *  fuzzy: 0.2
     * })
     * ```
     *
     * ### Advanced prefix and fuzzy search:
     *
     * ```javascript
     * // Perform fuzzy and prefix search depending on the search term. Here
     * // performing prefix and fuzzy search only on terms longer than 3 characters
     * miniSearch.search('ismael mob', {
     *  prefix: term => term.length > 3
     *  fuzzy: term => term.length > 3 ? 0.2 : null
     * })
     * ```
     *
     * ### Combine with AND:
     *
     * ```javascript
     * // Combine search terms with AND (to match only documents that contain both
     * // "motorcycle" and "art")
     * miniSearch.search('motorcycle art', { combineWith: 'AND' })
     * ```
     *
     * ### Combine with AND_NOT:
     *
     * There is also an AND_NOT combinator, that finds documents that match the
     * first term, but do not match any of the other terms. This combinator is
     * rarely useful with simple queries, and is meant to be used with advanced
     * query combinations (see later for more details).
     *
     * ### Filtering results:
     *
     * ```javascript
     * // Filter only results in the 'fiction' category (assuming that 'category'
     * // is a stored field)
     * miniSearch.search('motorcycle art', {
     *   filter: (result) => result.category === 'fiction'
     * })
     * ```
     *
     * ### Wildcard query
     *
     * Searching for an empty string (assuming the default tokenizer) returns no
     * results. Sometimes though, one needs to match all documents, like in a
     * "wildcard" search. This is possible by passing the special value
     * {@link MiniSearch.wildcard} as the query:
     *
     * ```javascript
     * // Return search results for all documents
     * miniSearch.search(MiniSearch.wildcard)
     * ```
     *
     * Note that search options such as `filter` and `boostDocument` are still
     * applied, influencing which results are returned, and their order:
     *
     * ```javascript
     * // Return search results for all documents in the 'fiction' category
     * miniSearch.search(MiniSearch.wildcard, {
     *   filter: (result) => result.category === 'fiction'
     * })
     * ```
     *
     * ### Advanced combination of queries:
     *
     * It is possible to combine different subqueries with OR, AND, and AND_NOT,
     * and even with different search options, by passing a query expression
     * tree object as the first argument, instead of a string.
     *
     * ```javascript
     * // Search for documents that contain "zen" and ("motorcycle" or "archery")
     * miniSearch.search({
     *   combineWith: 'AND',
     *   queries: [
     *     'zen',
     *     {
     *       combineWith: 'OR',
     *       queries: ['motorcycle', 'archery']
     *     }
     *   ]
     * })
     *
     * // Search for documents that contain ("apple" or "pear") but not "juice" and
     * // not "tree"
     * miniSearch.search({
     *   combineWith: 'AND_NOT',
     *   queries: [
     *     {
     *       combineWith: 'OR',
     *       queries: ['apple', 'pear']
     *     },
     *     'juice',
     *     'tree'
     *   ]
     * })
     * ```
     *
     * Each node in the expression tree can be either a string, or an object that
     * supports all {@link SearchOptions} fields, plus a `queries` array field for
     * subqueries.
     *
     * Note that, while this can become complicated to do by hand for complex or
     * deeply nested queries, it provides a formalized expression tree API for
     * external libraries that implement a parser for custom query languages.
     *
     * @param query  Search query
     * @param searchOptions  Search options. Each option, if not given, defaults to the corresponding value of `searchOptions` given to the constructor, or to the library default.
     */
    search(query, searchOptions = {}) {
      const { searchOptions: globalSearchOptions } = this._options;
      const searchOptionsWithDefaults = { ...globalSearchOptions, ...searchOptions };
      const rawResults = this.executeQuery(query, searchOptions);
      const results = [];
      for (const [docId, { score, terms, match }] of rawResults) {
        const quality = terms.length || 1;
        const result = {
          id: this._documentIds.get(docId),
          score: score * quality,
          terms: Object.keys(match),
          queryTerms: terms,
          match
        };
        Object.assign(result, this._storedFields.get(docId));
        if (searchOptionsWithDefaults.filter == null || searchOptionsWithDefaults.filter(result)) {
          results.push(result);
        }
      }
      if (query === _MiniSearch.wildcard && searchOptionsWithDefaults.boostDocument == null) {
        return results;
      }
      results.sort(byScore);
      return results;
    }
    /**
     * Provide suggestions for the given search query
     *
     * The result is a list of suggested modified search queries, derived from the
     * given search query, each with a relevance score, sorted by descending score.
     *
     * By default, it uses the same options used for search, except that by
     * default it performs prefix search on the last term of the query, and
     * combine terms with `'AND'` (requiring all query terms to match). Custom
     * options can be passed as a second argument. Defaults can be changed upon
     * calling the {@link MiniSearch} constructor, by passing a
     * `autoSuggestOptions` option.
     *
     * ### Basic usage:
     *
     * ```javascript
     * // Get suggestions for 'neuro':
     * miniSearch.autoSuggest('neuro')
     * // => [ { suggestion: 'neuromancer', terms: [ 'neuromancer' ], score: 0.46240 } ]
     * ```
     *
     * ### Multiple words:
     *
     * ```javascript
     * // Get suggestions for 'zen ar':
     * miniSearch.autoSuggest('zen ar')
     * // => [
     * //  { suggestion: 'zen archery art', terms: [ 'zen', 'archery', 'art' ], score: 1.73332 },
     * //  { suggestion: 'zen art', terms: [ 'zen', 'art' ], score: 1.21313 }
     * // ]
     * ```
     *
     * ### Fuzzy suggestions:
     *
     * ```javascript
     * // Correct spelling mistakes using fuzzy search:
     * miniSearch.autoSuggest('neromancer', { fuzzy: 0.2 })
     * // => [ { suggestion: 'neuromancer', terms: [ 'neuromancer' ], score: 1.03998 } ]
     * ```
     *
     * ### Filtering:
     *
     * ```javascript
     * // Get suggestions for 'zen ar', but only within the 'fiction' category
     * // (assuming that 'category' is a stored field):
     * miniSearch.autoSuggest('zen ar', {
     *   filter: (result) => result.category === 'fiction'
     * })
     * // => [
     * //  { suggestion: 'zen archery art', terms: [ 'zen', 'archery', 'art' ], score: 1.73332 },
     * //  { suggestion: 'zen art', terms: [ 'zen', 'art' ], score: 1.21313 }
     * // ]
     * ```
     *
     * @param queryString  Query string to be expanded into suggestions
     * @param options  Search options. The supported options and default values
     * are the same as for the {@link MiniSearch#search} method, except that by
     * default prefix search is performed on the last term in the query, and terms
     * are combined with `'AND'`.
     * @return  A sorted array of suggestions sorted by relevance score.
     */
    autoSuggest(queryString, options = {}) {
      options = { ...this._options.autoSuggestOptions, ...options };
      const suggestions = /* @__PURE__ */ new Map();
      for (const { score, terms } of this.search(queryString, options)) {
        const phrase = terms.join(" ");
        const suggestion2 = suggestions.get(phrase);
        if (suggestion2 != null) {
          suggestion2.score += score;
          suggestion2.count += 1;
        } else {
          suggestions.set(phrase, { score, terms, count: 1 });
        }
      }
      const results = [];
      for (const [suggestion2, { score, terms, count }] of suggestions) {
        results.push({ suggestion: suggestion2, terms, score: score / count });
      }
      results.sort(byScore);
      return results;
    }
    /**
     * Total number of documents available to search
     */
    get documentCount() {
      return this._documentCount;
    }
    /**
     * Number of terms in the index
     */
    get termCount() {
      return this._index.size;
    }
    /**
     * Deserializes a JSON index (serialized with `JSON.stringify(miniSearch)`)
     * and instantiates a MiniSearch instance. It should be given the same options
     * originally used when serializing the index.
     *
     * ### Usage:
     *
     * ```javascript
     * // If the index was serialized with:
     * let miniSearch = new MiniSearch({ fields: ['title', 'text'] })
     * miniSearch.addAll(documents)
     *
     * const json = JSON.stringify(miniSearch)
     * // It can later be deserialized like this:
     * miniSearch = MiniSearch.loadJSON(json, { fields: ['title', 'text'] })
     * ```
     *
     * @param json  JSON-serialized index
     * @param options  configuration options, same as the constructor
     * @return An instance of MiniSearch deserialized from the given JSON.
     */
    static loadJSON(json, options) {
      if (options == null) {
        throw new Error("MiniSearch: loadJSON should be given the same options used when serializing the index");
      }
      return this.loadJS(JSON.parse(json), options);
    }
    /**
     * Async equivalent of {@link MiniSearch.loadJSON}
     *
     * This function is an alternative to {@link MiniSearch.loadJSON} that returns
     * a promise, and loads the index in batches, leaving pauses between them to avoid
     * blocking the main thread. It tends to be slower than the synchronous
     * version, but does not block the main thread, so it can be a better choice
     * when deserializing very large indexes.
     *
     * @param json  JSON-serialized index
     * @param options  configuration options, same as the constructor
     * @return A Promise that will resolve to an instance of MiniSearch deserialized from the given JSON.
     */
    static async loadJSONAsync(json, options) {
      if (options == null) {
        throw new Error("MiniSearch: loadJSON should be given the same options used when serializing the index");
      }
      return this.loadJSAsync(JSON.parse(json), options);
    }
    /**
     * Returns the default value of an option. It will throw an error if no option
     * with the given name exists.
     *
     * @param optionName  Name of the option
     * @return The default value of the given option
     *
     * ### Usage:
     *
     * ```javascript
     * // Get default tokenizer
     * MiniSearch.getDefault('tokenize')
     *
     * // Get default term processor
     * MiniSearch.getDefault('processTerm')
     *
     * // Unknown options will throw an error
     * MiniSearch.getDefault('notExisting')
     * // => throws 'MiniSearch: unknown option "notExisting"'
     * ```
     */
    static getDefault(optionName) {
      if (defaultOptions.hasOwnProperty(optionName)) {
        return getOwnProperty(defaultOptions, optionName);
      } else {
        throw new Error(`MiniSearch: unknown option "${optionName}"`);
      }
    }
    /**
     * @ignore
     */
    static loadJS(js, options) {
      const { index, documentIds, fieldLength, storedFields, serializationVersion } = js;
      const miniSearch = this.instantiateMiniSearch(js, options);
      miniSearch._documentIds = objectToNumericMap(documentIds);
      miniSearch._fieldLength = objectToNumericMap(fieldLength);
      miniSearch._storedFields = objectToNumericMap(storedFields);
      for (const [shortId, id] of miniSearch._documentIds) {
        miniSearch._idToShortId.set(id, shortId);
      }
      for (const [term, data] of index) {
        const dataMap = /* @__PURE__ */ new Map();
        for (const fieldId of Object.keys(data)) {
          let indexEntry = data[fieldId];
          if (serializationVersion === 1) {
            indexEntry = indexEntry.ds;
          }
          dataMap.set(parseInt(fieldId, 10), objectToNumericMap(indexEntry));
        }
        miniSearch._index.set(term, dataMap);
      }
      return miniSearch;
    }
    /**
     * @ignore
     */
    static async loadJSAsync(js, options) {
      const { index, documentIds, fieldLength, storedFields, serializationVersion } = js;
      const miniSearch = this.instantiateMiniSearch(js, options);
      miniSearch._documentIds = await objectToNumericMapAsync(documentIds);
      miniSearch._fieldLength = await objectToNumericMapAsync(fieldLength);
      miniSearch._storedFields = await objectToNumericMapAsync(storedFields);
      for (const [shortId, id] of miniSearch._documentIds) {
        miniSearch._idToShortId.set(id, shortId);
      }
      let count = 0;
      for (const [term, data] of index) {
        const dataMap = /* @__PURE__ */ new Map();
        for (const fieldId of Object.keys(data)) {
          let indexEntry = data[fieldId];
          if (serializationVersion === 1) {
            indexEntry = indexEntry.ds;
          }
          dataMap.set(parseInt(fieldId, 10), await objectToNumericMapAsync(indexEntry));
        }
        if (++count % 1e3 === 0)
          await wait(0);
        miniSearch._index.set(term, dataMap);
      }
      return miniSearch;
    }
    /**
     * @ignore
     */
    static instantiateMiniSearch(js, options) {
      const { documentCount, nextId, fieldIds, averageFieldLength, dirtCount, serializationVersion } = js;
      if (serializationVersion !== 1 && serializationVersion !== 2) {
        throw new Error("MiniSearch: cannot deserialize an index created with an incompatible version");
      }
      const miniSearch = new _MiniSearch(options);
      miniSearch._documentCount = documentCount;
      miniSearch._nextId = nextId;
      miniSearch._idToShortId = /* @__PURE__ */ new Map();
      miniSearch._fieldIds = fieldIds;
      miniSearch._avgFieldLength = averageFieldLength;
      miniSearch._dirtCount = dirtCount || 0;
      miniSearch._index = new SearchableMap();
      return miniSearch;
    }
    /**
     * @ignore
     */
    executeQuery(query, searchOptions = {}) {
      if (query === _MiniSearch.wildcard) {
        return this.executeWildcardQuery(searchOptions);
      }
      if (typeof query !== "string") {
        const options2 = { ...searchOptions, ...query, queries: void 0 };
        const results2 = query.queries.map((subquery) => this.executeQuery(subquery, options2));
        return this.combineResults(results2, options2.combineWith);
      }
      const { tokenize: tokenize2, processTerm, searchOptions: globalSearchOptions } = this._options;
      const options = { tokenize: tokenize2, processTerm, ...globalSearchOptions, ...searchOptions };
      const { tokenize: searchTokenize, processTerm: searchProcessTerm } = options;
      const terms = searchTokenize(query).flatMap((term) => searchProcessTerm(term)).filter((term) => !!term);
      const queries = terms.map(termToQuerySpec(options));
      const results = queries.map((query2) => this.executeQuerySpec(query2, options));
      return this.combineResults(results, options.combineWith);
    }
    /**
     * @ignore
     */
    executeQuerySpec(query, searchOptions) {
      const options = { ...this._options.searchOptions, ...searchOptions };
      const boosts = (options.fields || this._options.fields).reduce((boosts2, field) => ({ ...boosts2, [field]: getOwnProperty(options.boost, field) || 1 }), {});
      const { boostDocument, weights, maxFuzzy, bm25: bm25params } = options;
      const { fuzzy: fuzzyWeight, prefix: prefixWeight } = { ...defaultSearchOptions.weights, ...weights };
      const data = this._index.get(query.term);
      const results = this.termResults(query.term, query.term, 1, query.termBoost, data, boosts, boostDocument, bm25params);
      let prefixMatches;
      let fuzzyMatches;
      if (query.prefix) {
        prefixMatches = this._index.atPrefix(query.term);
      }
      if (query.fuzzy) {
        const fuzzy = query.fuzzy === true ? 0.2 : query.fuzzy;
        const maxDistance = fuzzy < 1 ? Math.min(maxFuzzy, Math.round(query.term.length * fuzzy)) : fuzzy;
        if (maxDistance)
          fuzzyMatches = this._index.fuzzyGet(query.term, maxDistance);
      }
      if (prefixMatches) {
        for (const [term, data2] of prefixMatches) {
          const distance = term.length - query.term.length;
          if (!distance) {
            continue;
          }
          fuzzyMatches === null || fuzzyMatches === void 0 ? void 0 : fuzzyMatches.delete(term);
          const weight = prefixWeight * term.length / (term.length + 0.3 * distance);
          this.termResults(query.term, term, weight, query.termBoost, data2, boosts, boostDocument, bm25params, results);
        }
      }
      if (fuzzyMatches) {
        for (const term of fuzzyMatches.keys()) {
          const [data2, distance] = fuzzyMatches.get(term);
          if (!distance) {
            continue;
          }
          const weight = fuzzyWeight * term.length / (term.length + distance);
          this.termResults(query.term, term, weight, query.termBoost, data2, boosts, boostDocument, bm25params, results);
        }
      }
      return results;
    }
    /**
     * @ignore
     */
    executeWildcardQuery(searchOptions) {
      const results = /* @__PURE__ */ new Map();
      const options = { ...this._options.searchOptions, ...searchOptions };
      for (const [shortId, id] of this._documentIds) {
        const score = options.boostDocument ? options.boostDocument(id, "", this._storedFields.get(shortId)) : 1;
        results.set(shortId, {
          score,
          terms: [],
          match: {}
        });
      }
      return results;
    }
    /**
     * @ignore
     */
    combineResults(results, combineWith = OR) {
      if (results.length === 0) {
        return /* @__PURE__ */ new Map();
      }
      const operator = combineWith.toLowerCase();
      const combinator = combinators[operator];
      if (!combinator) {
        throw new Error(`Invalid combination operator: ${combineWith}`);
      }
      return results.reduce(combinator) || /* @__PURE__ */ new Map();
    }
    /**
     * Allows serialization of the index to JSON, to possibly store it and later
     * deserialize it with {@link MiniSearch.loadJSON}.
     *
     * Normally one does not directly call this method, but rather call the
     * standard JavaScript `JSON.stringify()` passing the {@link MiniSearch}
     * instance, and JavaScript will internally call this method. Upon
     * deserialization, one must pass to {@link MiniSearch.loadJSON} the same
     * options used to create the original instance that was serialized.
     *
     * ### Usage:
     *
     * ```javascript
     * // Serialize the index:
     * let miniSearch = new MiniSearch({ fields: ['title', 'text'] })
     * miniSearch.addAll(documents)
     * const json = JSON.stringify(miniSearch)
     *
     * // Later, to deserialize it:
     * miniSearch = MiniSearch.loadJSON(json, { fields: ['title', 'text'] })
     * ```
     *
     * @return A plain-object serializable representation of the search index.
     */
    toJSON() {
      const index = [];
      for (const [term, fieldIndex] of this._index) {
        const data = {};
        for (const [fieldId, freqs] of fieldIndex) {
          data[fieldId] = Object.fromEntries(freqs);
        }
        index.push([term, data]);
      }
      return {
        documentCount: this._documentCount,
        nextId: this._nextId,
        documentIds: Object.fromEntries(this._documentIds),
        fieldIds: this._fieldIds,
        fieldLength: Object.fromEntries(this._fieldLength),
        averageFieldLength: this._avgFieldLength,
        storedFields: Object.fromEntries(this._storedFields),
        dirtCount: this._dirtCount,
        index,
        serializationVersion: 2
      };
    }
    /**
     * @ignore
     */
    termResults(sourceTerm, derivedTerm, termWeight, termBoost, fieldTermData, fieldBoosts, boostDocumentFn, bm25params, results = /* @__PURE__ */ new Map()) {
      if (fieldTermData == null)
        return results;
      for (const field of Object.keys(fieldBoosts)) {
        const fieldBoost = fieldBoosts[field];
        const fieldId = this._fieldIds[field];
        const fieldTermFreqs = fieldTermData.get(fieldId);
        if (fieldTermFreqs == null)
          continue;
        let matchingFields = fieldTermFreqs.size;
        const avgFieldLength = this._avgFieldLength[fieldId];
        for (const docId of fieldTermFreqs.keys()) {
          if (!this._documentIds.has(docId)) {
            this.removeTerm(fieldId, docId, derivedTerm);
            matchingFields -= 1;
            continue;
          }
          const docBoost = boostDocumentFn ? boostDocumentFn(this._documentIds.get(docId), derivedTerm, this._storedFields.get(docId)) : 1;
          if (!docBoost)
            continue;
          const termFreq = fieldTermFreqs.get(docId);
          const fieldLength = this._fieldLength.get(docId)[fieldId];
          const rawScore = calcBM25Score(termFreq, matchingFields, this._documentCount, fieldLength, avgFieldLength, bm25params);
          const weightedScore = termWeight * termBoost * fieldBoost * docBoost * rawScore;
          const result = results.get(docId);
          if (result) {
            result.score += weightedScore;
            assignUniqueTerm(result.terms, sourceTerm);
            const match = getOwnProperty(result.match, derivedTerm);
            if (match) {
              match.push(field);
            } else {
              result.match[derivedTerm] = [field];
            }
          } else {
            results.set(docId, {
              score: weightedScore,
              terms: [sourceTerm],
              match: { [derivedTerm]: [field] }
            });
          }
        }
      }
      return results;
    }
    /**
     * @ignore
     */
    addTerm(fieldId, documentId, term) {
      const indexData = this._index.fetch(term, createMap);
      let fieldIndex = indexData.get(fieldId);
      if (fieldIndex == null) {
        fieldIndex = /* @__PURE__ */ new Map();
        fieldIndex.set(documentId, 1);
        indexData.set(fieldId, fieldIndex);
      } else {
        const docs = fieldIndex.get(documentId);
        fieldIndex.set(documentId, (docs || 0) + 1);
      }
    }
    /**
     * @ignore
     */
    removeTerm(fieldId, documentId, term) {
      if (!this._index.has(term)) {
        this.warnDocumentChanged(documentId, fieldId, term);
        return;
      }
      const indexData = this._index.fetch(term, createMap);
      const fieldIndex = indexData.get(fieldId);
      if (fieldIndex == null || fieldIndex.get(documentId) == null) {
        this.warnDocumentChanged(documentId, fieldId, term);
      } else if (fieldIndex.get(documentId) <= 1) {
        if (fieldIndex.size <= 1) {
          indexData.delete(fieldId);
        } else {
          fieldIndex.delete(documentId);
        }
      } else {
        fieldIndex.set(documentId, fieldIndex.get(documentId) - 1);
      }
      if (this._index.get(term).size === 0) {
        this._index.delete(term);
      }
    }
    /**
     * @ignore
     */
    warnDocumentChanged(shortDocumentId, fieldId, term) {
      for (const fieldName of Object.keys(this._fieldIds)) {
        if (this._fieldIds[fieldName] === fieldId) {
          this._options.logger("warn", `MiniSearch: document with ID ${this._documentIds.get(shortDocumentId)} has changed before removal: term "${term}" was not present in field "${fieldName}". Removing a document after it has changed can corrupt the index!`, "version_conflict");
          return;
        }
      }
    }
    /**
     * @ignore
     */
    addDocumentId(documentId) {
      const shortDocumentId = this._nextId;
      this._idToShortId.set(documentId, shortDocumentId);
      this._documentIds.set(shortDocumentId, documentId);
      this._documentCount += 1;
      this._nextId += 1;
      return shortDocumentId;
    }
    /**
     * @ignore
     */
    addFields(fields) {
      for (let i = 0; i < fields.length; i++) {
        this._fieldIds[fields[i]] = i;
      }
    }
    /**
     * @ignore
     */
    addFieldLength(documentId, fieldId, count, length) {
      let fieldLengths = this._fieldLength.get(documentId);
      if (fieldLengths == null)
        this._fieldLength.set(documentId, fieldLengths = []);
      fieldLengths[fieldId] = length;
      const averageFieldLength = this._avgFieldLength[fieldId] || 0;
      const totalFieldLength = averageFieldLength * count + length;
      this._avgFieldLength[fieldId] = totalFieldLength / (count + 1);
    }
    /**
     * @ignore
     */
    removeFieldLength(documentId, fieldId, count, length) {
      if (count === 1) {
        this._avgFieldLength[fieldId] = 0;
        return;
      }
      const totalFieldLength = this._avgFieldLength[fieldId] * count - length;
      this._avgFieldLength[fieldId] = totalFieldLength / (count - 1);
    }
    /**
     * @ignore
     */
    saveStoredFields(documentId, doc) {
      const { storeFields, extractField } = this._options;
      if (storeFields == null || storeFields.length === 0) {
        return;
      }
      let documentFields = this._storedFields.get(documentId);
      if (documentFields == null)
        this._storedFields.set(documentId, documentFields = {});
      for (const fieldName of storeFields) {
        const fieldValue = extractField(doc, fieldName);
        if (fieldValue !== void 0)
          documentFields[fieldName] = fieldValue;
      }
    }
  };
  MiniSearch.wildcard = /* @__PURE__ */ Symbol("*");
  var getOwnProperty = (object, property) => Object.prototype.hasOwnProperty.call(object, property) ? object[property] : void 0;
  var combinators = {
    [OR]: (a, b) => {
      for (const docId of b.keys()) {
        const existing = a.get(docId);
        if (existing == null) {
          a.set(docId, b.get(docId));
        } else {
          const { score, terms, match } = b.get(docId);
          existing.score = existing.score + score;
          existing.match = Object.assign(existing.match, match);
          assignUniqueTerms(existing.terms, terms);
        }
      }
      return a;
    },
    [AND]: (a, b) => {
      const combined = /* @__PURE__ */ new Map();
      for (const docId of b.keys()) {
        const existing = a.get(docId);
        if (existing == null)
          continue;
        const { score, terms, match } = b.get(docId);
        assignUniqueTerms(existing.terms, terms);
        combined.set(docId, {
          score: existing.score + score,
          terms: existing.terms,
          match: Object.assign(existing.match, match)
        });
      }
      return combined;
    },
    [AND_NOT]: (a, b) => {
      for (const docId of b.keys())
        a.delete(docId);
      return a;
    }
  };
  var defaultBM25params = { k: 1.2, b: 0.7, d: 0.5 };
  var calcBM25Score = (termFreq, matchingCount, totalCount, fieldLength, avgFieldLength, bm25params) => {
    const { k, b, d } = bm25params;
    const invDocFreq = Math.log(1 + (totalCount - matchingCount + 0.5) / (matchingCount + 0.5));
    return invDocFreq * (d + termFreq * (k + 1) / (termFreq + k * (1 - b + b * fieldLength / avgFieldLength)));
  };
  var termToQuerySpec = (options) => (term, i, terms) => {
    const fuzzy = typeof options.fuzzy === "function" ? options.fuzzy(term, i, terms) : options.fuzzy || false;
    const prefix = typeof options.prefix === "function" ? options.prefix(term, i, terms) : options.prefix === true;
    const termBoost = typeof options.boostTerm === "function" ? options.boostTerm(term, i, terms) : 1;
    return { term, fuzzy, prefix, termBoost };
  };
  var defaultOptions = {
    idField: "id",
    extractField: (document2, fieldName) => document2[fieldName],
    stringifyField: (fieldValue, fieldName) => fieldValue.toString(),
    tokenize: (text) => text.split(SPACE_OR_PUNCTUATION),
    processTerm: (term) => term.toLowerCase(),
    fields: void 0,
    searchOptions: void 0,
    storeFields: [],
    logger: (level, message) => {
      if (typeof (console === null || console === void 0 ? void 0 : console[level]) === "function")
        console[level](message);
    },
    autoVacuum: true
  };
  var defaultSearchOptions = {
    combineWith: OR,
    prefix: false,
    fuzzy: false,
    maxFuzzy: 6,
    boost: {},
    weights: { fuzzy: 0.45, prefix: 0.375 },
    bm25: defaultBM25params
  };
  var defaultAutoSuggestOptions = {
    combineWith: AND,
    prefix: (term, i, terms) => i === terms.length - 1
  };
  var defaultVacuumOptions = { batchSize: 1e3, batchWait: 10 };
  var defaultVacuumConditions = { minDirtFactor: 0.1, minDirtCount: 20 };
  var defaultAutoVacuumOptions = { ...defaultVacuumOptions, ...defaultVacuumConditions };
  var assignUniqueTerm = (target, term) => {
    if (!target.includes(term))
      target.push(term);
  };
  var assignUniqueTerms = (target, source) => {
    for (const term of source) {
      if (!target.includes(term))
        target.push(term);
    }
  };
  var byScore = ({ score: a }, { score: b }) => b - a;
  var createMap = () => /* @__PURE__ */ new Map();
  var objectToNumericMap = (object) => {
    const map = /* @__PURE__ */ new Map();
    for (const key of Object.keys(object)) {
      map.set(parseInt(key, 10), object[key]);
    }
    return map;
  };
  var objectToNumericMapAsync = async (object) => {
    const map = /* @__PURE__ */ new Map();
    let count = 0;
    for (const key of Object.keys(object)) {
      map.set(parseInt(key, 10), object[key]);
      if (++count % 1e3 === 0) {
        await wait(0);
      }
    }
    return map;
  };
  var wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  var SPACE_OR_PUNCTUATION = /[\n\r\p{Z}\p{P}]+/u;

  // site_assets/js/ndc.mjs
  var ELEVEN = /^[0-9]{5}-[0-9]{4}-[0-9]{2}$/;
  var SEPARATED = /^([0-9]+)[- ]([0-9]+)[- ]([0-9]+)$/;
  var DIGITS = /^[0-9]+$/;
  var PADDING = Object.freeze({ "5,4,2": [0, 0, 0], "4,4,2": [1, 0, 0], "5,3,2": [0, 1, 0], "5,4,1": [0, 0, 1] });
  function dashed(eleven) {
    return `${eleven.slice(0, 5)}-${eleven.slice(5, 9)}-${eleven.slice(9)}`;
  }
  function tenDigitCandidates(digits) {
    return [dashed(`0${digits}`), dashed(`${digits.slice(0, 5)}0${digits.slice(5)}`), dashed(`${digits.slice(0, 9)}0${digits.slice(9)}`)];
  }
  function padded(groups) {
    const pads = PADDING[groups.map((g) => g.length).join(",")];
    return pads ? dashed(groups.map((g, i) => "0".repeat(pads[i]) + g).join("")) : null;
  }
  function normalizeNdc(text, known = []) {
    const value = typeof text === "string" ? text.trim() : "";
    if (ELEVEN.test(value)) return value;
    const groups = SEPARATED.exec(value);
    if (groups) return padded(groups.slice(1));
    if (!DIGITS.test(value)) return null;
    if (value.length === 11) return dashed(value);
    if (value.length !== 10) return null;
    const has = known instanceof Set ? (n) => known.has(n) : (n) => known.includes(n);
    const found = tenDigitCandidates(value).filter(has);
    return found.length === 1 ? found[0] : null;
  }

  // site_assets/js/search-words.mjs
  function words(text) {
    return String(text).toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "").match(/[a-z0-9]+/g) || [];
  }

  // site_assets/js/rank.mjs
  var TIER = Object.freeze({ CODE: 0, NAME: 1, MODIFIER: 2, NAME_WORDS: 3, DESCRIPTOR: 4, FUZZY: 5 });
  var REASONS = Object.freeze({
    code: "exact code",
    ending: "code ending",
    prefix: "code prefix",
    ndc: "exact NDC",
    name: "exact name",
    modifier: "modifier",
    nameWords: "name words",
    descriptor: "descriptor words",
    fuzzy: "did you mean"
  });
  var FIELDS = Object.freeze(["names", "short", "title"]);
  var BOOST = Object.freeze({ names: 3, short: 2, title: 1 });
  var NAME_FIELDS = ["names", "short"];
  var FULL_CODE = /^[A-Z][0-9]{4}$/;
  var CODE_PREFIX = /^[A-Z][0-9]{0,3}$/;
  var MODIFIER_WORDS = /* @__PURE__ */ new Set(["modifier", "modifiers", "mod"]);
  var MAX_PREFIX_LIST = 200;
  function maxEdits(term) {
    if (/[0-9]/.test(term)) return 0;
    if (term.length >= 8) return 2;
    return term.length >= 5 ? 1 : 0;
  }
  function tokenize(text) {
    return words(text).filter((w) => w.length > 1);
  }
  var MINISEARCH_OPTIONS = Object.freeze({
    fields: FIELDS,
    tokenize,
    extractField: (doc, field) => field === "names" ? (doc.names || []).join(" ; ") : doc[field],
    searchOptions: { boost: BOOST, combineWith: "AND" }
  });
  function buildIndex(records, mini = null) {
    const byCode = /* @__PURE__ */ new Map();
    const byNdc = /* @__PURE__ */ new Map();
    const modifiers = /* @__PURE__ */ new Map();
    for (const record of records) {
      if (record.kind === "modifier") modifiers.set(record.code.toUpperCase(), record);
      else byCode.set(record.code, record);
      for (const ndc of record.ndcs || []) byNdc.set(ndc, record);
    }
    if (!mini) {
      mini = new MiniSearch(MINISEARCH_OPTIONS);
      mini.addAll(records.map((record, id) => ({ ...record, id })));
    }
    return { records, byCode, byNdc, ndcs: new Set(byNdc.keys()), modifiers, mini };
  }
  function codeHits(index, query) {
    const compact = String(query).toUpperCase().replace(/[\s.-]+/g, "");
    if (FULL_CODE.test(compact) && index.byCode.has(compact)) return [hit(index.byCode.get(compact), TIER.CODE, REASONS.code)];
    const ndc = normalizeNdc(String(query), index.ndcs);
    if (index.byNdc.has(ndc)) return [hit(index.byNdc.get(ndc), TIER.CODE, REASONS.ndc)];
    if (/^[0-9]{4}$/.test(compact)) return listCodes(index, (code) => code.endsWith(compact), REASONS.ending);
    if (compact.length > 1 && CODE_PREFIX.test(compact)) return listCodes(index, (code) => code.startsWith(compact), REASONS.prefix);
    const tokens = String(query).toUpperCase().split(/[\s,;]+/).filter(Boolean);
    if (tokens.length > 1 && tokens.every((t) => index.byCode.has(t))) {
      return tokens.map((t) => hit(index.byCode.get(t), TIER.CODE, REASONS.code));
    }
    return null;
  }
  function listCodes(index, wanted, reason) {
    const found = [];
    for (const [code, record] of index.byCode) {
      if (wanted(code)) found.push(hit(record, TIER.CODE, reason));
      if (found.length >= MAX_PREFIX_LIST) break;
    }
    return found;
  }
  function modifierHit(index, query) {
    const tokens = words(query);
    const rest = tokens.filter((t) => !MODIFIER_WORDS.has(t));
    if (rest.length !== 1 || rest[0].length !== 2) return null;
    const record = index.modifiers.get(rest[0].toUpperCase());
    return record ? hit(record, TIER.MODIFIER, REASONS.modifier) : null;
  }
  function hit(record, tier, reason, extra = {}) {
    return { record, tier, reason, score: 0, ...extra };
  }
  function wordHits(index, query) {
    const text = tokenize(query).join(" ");
    if (!text) return [];
    const typed = [...new Set(tokenize(query))].sort().join(" ");
    const prefix = (term) => term.length >= 3;
    const passes = [
      [{ fields: NAME_FIELDS }, (r) => isExactName(r, typed) ? [TIER.NAME, REASONS.name] : [TIER.NAME_WORDS, REASONS.nameWords]],
      [{ fields: NAME_FIELDS, prefix }, () => [TIER.NAME_WORDS, REASONS.nameWords]],
      [{ prefix }, () => [TIER.DESCRIPTOR, REASONS.descriptor]],
      [{ prefix, fuzzy: maxEdits }, () => [TIER.FUZZY, REASONS.fuzzy]]
    ];
    const found = /* @__PURE__ */ new Map();
    for (const [options, tierOf] of passes) {
      for (const result of index.mini.search(text, options)) {
        if (found.has(result.id)) continue;
        const record = index.records[result.id];
        const [tier, reason] = tierOf(record);
        const extra = { score: result.score };
        if (tier === TIER.FUZZY) extra.suggestion = suggestion(result);
        found.set(result.id, hit(record, tier, reason, extra));
      }
    }
    return [...found.values()];
  }
  function isExactName(record, typed) {
    const names = [...record.names || [], record.short || ""];
    return names.some((name) => [...new Set(tokenize(name))].sort().join(" ") === typed);
  }
  function suggestion(result) {
    const used = /* @__PURE__ */ new Set();
    return result.queryTerms.map((term) => {
      const same = result.terms.find((t) => t === term || t.startsWith(term));
      const word = same || result.terms.find((t) => !used.has(t) && !result.queryTerms.includes(t)) || term;
      used.add(word);
      return word;
    }).join(" ");
  }
  function compareHits(a, b) {
    return a.tier - b.tier || terminated(a) - terminated(b) || bare(a) - bare(b) || (b.record.popularity || 0) - (a.record.popularity || 0) || (b.score || 0) - (a.score || 0) || codeOrder(a.record, b.record);
  }
  function codeOrder(a, b) {
    const kinds = (a.kind ? 1 : 0) - (b.kind ? 1 : 0);
    if (kinds) return kinds;
    const [x, y] = a.number !== void 0 && b.number !== void 0 ? [a.number, b.number] : [a.code, b.code];
    return x < y ? -1 : x > y ? 1 : 0;
  }
  var terminated = (h) => h.record.status === "terminated" ? 1 : 0;
  var bare = (h) => h.record.guide || h.record.drug ? 0 : 1;
  function rank(index, query, { limit = Infinity, more = [] } = {}) {
    const codes = codeHits(index, query);
    if (codes) return (codes[0]?.reason === REASONS.prefix ? codes : codes.sort(compareHits)).slice(0, limit).map(strip);
    const modifier = modifierHit(index, query);
    const found = modifier ? [modifier] : [...wordHits(index, query), ...more];
    return bestPerRecord(found).sort(compareHits).slice(0, limit).map(strip);
  }
  function bestPerRecord(hits) {
    const best = /* @__PURE__ */ new Map();
    for (const hit2 of hits) {
      const key = `${hit2.record.kind || "code"}:${hit2.record.number ?? hit2.record.code}`;
      if (!best.has(key) || compareHits(hit2, best.get(key)) < 0) best.set(key, hit2);
    }
    return [...best.values()];
  }
  function strip({ score: _score, ...result }) {
    return result;
  }

  // site_assets/js/search-index.mjs
  var TITLE = 1;
  var ALIAS = 2;
  var DESCRIPTOR = 4;
  var OTHER = 8;
  var SHORT = 16;
  var NAME_FIELDS2 = ALIAS | SHORT;
  var FIELD_WEIGHTS = [[ALIAS, 10], [SHORT, 9], [TITLE, 8], [DESCRIPTOR, 6], [OTHER, 2]];
  var PREFIX_FACTOR = 0.75;
  var FUZZY_FACTOR = 0.5;
  var LENGTH_BONUS = 0.4;
  var MAX_CODE_RESULTS = 200;
  var MANIFEST = { key: "index", path: "search-index.js" };
  var BASE32 = "0123456789abcdefghijklmnopqrstuv";
  var FULL_CODE2 = /^[A-Z][0-9]{4}$/;
  var CODE_PREFIX2 = /^[A-Z][0-9]{0,4}$/;
  function createStore(load) {
    const parts = /* @__PURE__ */ new Map();
    const part = (key, fetchPart) => {
      if (!parts.has(key)) parts.set(key, fetchPart());
      return parts.get(key);
    };
    const store = {
      manifest: () => part("manifest", () => load(MANIFEST.key, MANIFEST.path).then(prepareManifest)),
      docs: (n) => part(`d${n}`, () => load(`d${n}`, `search/d${n}.js`)),
      words: (n) => part(`t${n}`, () => load(`t${n}`, `search/t${n}.js`)),
      ndcs: (first) => part(`n${first}`, () => load(`n${first}`, `search/n${first}.js`)),
      endings: (last2) => part(`e${last2}`, () => load(`e${last2}`, `search/e${last2}.js`)),
      vocabulary: (n) => part(`v${n}`, () => store.words(n).then(vocabularyIndex)),
      names: () => part("names", () => Promise.all([store.manifest(), load("names", "search/names.js")]).then(([m, n]) => namesIndex(m, n)))
    };
    return store;
  }
  function prepareManifest(raw) {
    return { ...raw, guide: decodeBitset(raw.guide), terminated: decodeBitset(raw.terminated), drug: decodeBitset(raw.drug) };
  }
  function decodeBitset(encoded) {
    const binary = atob(encoded || "");
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }
  function hasBit(bytes, number) {
    return (bytes[number >> 3] || 0) >> (number & 7) & 1;
  }
  function shortWords(manifest, number) {
    return Math.max(1, BASE32.indexOf((manifest.shortWords || "")[number]));
  }
  function stubRecord(manifest, number, code = "") {
    const record = { number, code, guide: Boolean(hasBit(manifest.guide, number)), drug: Boolean(hasBit(manifest.drug, number)) };
    if (hasBit(manifest.terminated, number)) record.status = "terminated";
    return record;
  }
  function namesIndex(manifest, { rows, modifiers }) {
    const records = rows.map(([number, names, popularity]) => ({ ...stubRecord(manifest, number), names, popularity }));
    for (const [code, path, title, status] of modifiers) {
      records.push({ kind: "modifier", code, path, title, ...status === "terminated" ? { status } : {} });
    }
    const index = buildIndex(records);
    index.byNumber = new Map(records.filter((r) => !r.kind).map((r) => [r.number, r]));
    return index;
  }
  function lastAtMost(sorted, value) {
    let low = 0;
    let high = sorted.length - 1;
    while (low < high) {
      const middle = low + high + 1 >> 1;
      if (sorted[middle] <= value) low = middle;
      else high = middle - 1;
    }
    return low;
  }
  function decodePostings(encoded) {
    const out = [];
    let number = 0;
    let gap = 0;
    for (const ch of encoded) {
      const digit = BASE32.indexOf(ch);
      if (digit >= 0) gap = gap * 32 + digit;
      else {
        number += gap;
        gap = 0;
        out.push([number, ch.charCodeAt(0) - 65]);
      }
    }
    return out;
  }
  function fieldWeight(mask) {
    for (const [field, weight] of FIELD_WEIGHTS) if (mask & field) return weight;
    return 0;
  }
  async function codeMatches(store, prefix, limit = MAX_CODE_RESULTS) {
    const manifest = await store.manifest();
    const found = [];
    for (let shard = lastAtMost(manifest.docs, prefix); shard < manifest.docs.length; shard++) {
      if (manifest.docs[shard] > prefix && !manifest.docs[shard].startsWith(prefix)) break;
      const rows = await store.docs(shard);
      for (let i = 0; i < rows.length && found.length < limit; i++) {
        if (rows[i][0].startsWith(prefix)) found.push([shard * manifest.docSize + i, rows[i]]);
      }
      if (found.length >= limit) break;
    }
    return found;
  }
  async function endingMatches(store, digits) {
    const manifest = await store.manifest();
    const last2 = digits.slice(-2);
    if (!(manifest.endings || []).includes(last2)) return [];
    return (await store.endings(last2))[digits] || [];
  }
  async function ndcMatch(store, typed) {
    const manifest = await store.manifest();
    const digits = typed.replace(/[^0-9]/g, "");
    const readings = digits.length === 10 && /^[0-9]+$/.test(typed) ? tenDigitCandidates(digits) : [normalizeNdc(typed)];
    const known = /* @__PURE__ */ new Map();
    for (const reading of readings.filter(Boolean)) {
      const eleven = reading.replace(/-/g, "");
      if (!(manifest.ndc || []).includes(eleven.slice(0, manifest.ndcDigits))) continue;
      const table = await store.ndcs(eleven.slice(0, manifest.ndcDigits));
      if (eleven in table) known.set(dashed(eleven), table[eleven]);
    }
    const ndc = normalizeNdc(typed, new Set(known.keys()));
    return known.has(ndc) ? [ndc, known.get(ndc)] : null;
  }
  function vocabularyIndex(table) {
    const index = new MiniSearch({ fields: ["word"], idField: "word", tokenize: (word) => [word] });
    index.addAll(Object.keys(table).map((word) => ({ word })));
    return { table, index };
  }
  async function termPostings(store, term) {
    const manifest = await store.manifest();
    const shard = lastAtMost(manifest.words, term.slice(0, 2));
    const table = await store.words(shard);
    const found = /* @__PURE__ */ new Map();
    const add = (word, factor, fuzzy) => {
      for (const [number, mask] of decodePostings(table[word])) {
        const score = fieldWeight(mask) * factor;
        const seen = found.get(number);
        const better = !seen || seen.fuzzy && !fuzzy || seen.fuzzy === fuzzy && seen.score < score;
        const hit2 = better ? { score, fuzzy, word, name: false, whole: false } : seen;
        hit2.name = hit2.name || !fuzzy && Boolean(mask & NAME_FIELDS2);
        hit2.whole = hit2.whole || word === term && Boolean(mask & SHORT);
        found.set(number, hit2);
      }
    };
    for (const word of Object.keys(table)) {
      if (word === term) add(word, 1, false);
      else if (term.length >= 3 && word.startsWith(term)) add(word, PREFIX_FACTOR, false);
    }
    if (maxEdits(term) > 0) {
      const { index } = await store.vocabulary(shard);
      for (const { id } of index.search(term, { fuzzy: maxEdits(term) })) {
        if (id !== term && !id.startsWith(term)) add(id, FUZZY_FACTOR, true);
      }
    }
    return found;
  }
  function postingTier(hit2, terms, manifest, number) {
    if (hit2.fuzzy) return [TIER.FUZZY, REASONS.fuzzy];
    if (hit2.whole && terms.length === shortWords(manifest, number)) return [TIER.NAME, REASONS.name];
    return hit2.name ? [TIER.NAME_WORDS, REASONS.nameWords] : [TIER.DESCRIPTOR, REASONS.descriptor];
  }
  async function postingHits(store, names, terms) {
    const manifest = await store.manifest();
    let combined = null;
    for (const term of terms) {
      const found = await termPostings(store, term);
      const next = /* @__PURE__ */ new Map();
      for (const [number, hit2] of found) {
        const before = combined === null ? { score: 0, fuzzy: false, name: true, whole: true, words: [] } : combined.get(number);
        if (!before) continue;
        next.set(number, {
          score: before.score + hit2.score,
          fuzzy: before.fuzzy || hit2.fuzzy,
          name: before.name && hit2.name,
          whole: before.whole && hit2.whole,
          words: [...before.words, hit2.fuzzy ? hit2.word : term]
        });
      }
      combined = next;
    }
    const hits = [];
    for (const [number, hit2] of combined || []) {
      const record = names.byNumber.get(number) || stubRecord(manifest, number);
      const [tier, reason] = postingTier(hit2, terms, manifest, number);
      const score = hit2.score + LENGTH_BONUS / shortWords(manifest, number);
      hits.push({ record, tier, reason, score, ...hit2.fuzzy ? { suggestion: hit2.words.join(" ") } : {} });
    }
    return hits;
  }
  async function codeCandidates(store, query) {
    const manifest = await store.manifest();
    const compact = String(query).toUpperCase().replace(/[\s.-]+/g, "");
    const byCode = /* @__PURE__ */ new Map();
    const add = (number, code) => byCode.set(code, byCode.get(code) || stubRecord(manifest, number, code));
    if (/^[0-9]{4}$/.test(compact)) {
      const numbers = await endingMatches(store, compact);
      for (const [number, row] of await rowsOf(store, numbers)) add(number, row[0]);
    } else if (CODE_PREFIX2.test(compact) && compact.length > 1) {
      for (const [number, row] of await codeMatches(store, compact)) add(number, row[0]);
    } else {
      const tokens = String(query).toUpperCase().split(/[\s,;]+/).filter((t) => FULL_CODE2.test(t));
      for (const token of tokens) for (const [number, row] of await codeMatches(store, token, 1)) if (row[0] === token) add(number, row[0]);
    }
    const byNdc = /* @__PURE__ */ new Map();
    const digits = compact.replace(/[^0-9]/g, "");
    if ((digits.length === 10 || digits.length === 11) && /^[0-9 -]+$/.test(String(query).trim())) {
      const found = await ndcMatch(store, String(query).trim());
      if (found) {
        const [[number, row]] = await rowsOf(store, [found[1]]);
        byNdc.set(found[0], stubRecord(manifest, number, row[0]));
      }
    }
    return { byCode, byNdc };
  }
  async function rowsOf(store, numbers) {
    const manifest = await store.manifest();
    return Promise.all(numbers.map(async (number) => [number, (await store.docs(Math.floor(number / manifest.docSize)))[number % manifest.docSize]]));
  }
  async function rankIndex(store, query) {
    const { byCode, byNdc } = await codeCandidates(store, query);
    const codes = { byCode, byNdc, ndcs: new Set(byNdc.keys()) };
    if (codeHits(codes, query)) return { index: codes, more: [] };
    const names = await store.names();
    const terms = [...new Set(words(query).filter((w) => w.length > 1))];
    return { index: { ...names, ...codes }, more: terms.length ? await postingHits(store, names, terms) : [] };
  }

  // site_assets/js/search.mjs
  var FULL_CODE3 = /^[a-z][0-9]{4}$/;
  var CODE_PREFIX3 = /^[a-z][0-9]{0,4}$/;
  var SPELLED_CODE = /(^|\s)([a-z])[\s.-]+([0-9]{4})(?![0-9])/gi;
  var NDC_LIKE = /^[0-9][0-9 -]{8,12}[0-9]$/;
  var NAME_REASONS = /* @__PURE__ */ new Set([REASONS.name, REASONS.nameWords]);
  function parseQuery(query) {
    const typed = String(query || "").trim();
    if (NDC_LIKE.test(typed) && [10, 11].includes(typed.replace(/[^0-9]/g, "").length)) {
      return { typed, text: typed, codes: [], prefix: "", terms: [], marks: [], ndc: typed };
    }
    const text = typed.replace(SPELLED_CODE, "$1$2$3");
    const tokens = words(text);
    const codes = tokens.filter((t) => FULL_CODE3.test(t)).map((t) => t.toUpperCase());
    const prefix = tokens.length === 1 && CODE_PREFIX3.test(tokens[0]) ? tokens[0].toUpperCase() : "";
    const terms = prefix ? [] : tokens.filter((t) => t.length > 1 && !FULL_CODE3.test(t));
    const marks = [...new Set([...terms, ...codes, prefix].filter(Boolean).map((m) => m.toLowerCase()))];
    return { typed, text, codes, prefix, terms, marks };
  }
  function exactPath(parsed, found) {
    const first = found && found.results[0];
    if (!first || !isExactQuery(parsed)) return null;
    return parsed.ndc || first.code === parsed.codes[0] ? first.path : null;
  }
  function isExactQuery(parsed) {
    return Boolean(parsed.ndc) || parsed.codes.length === 1 && !parsed.terms.length;
  }
  function isEmptyQuery(parsed) {
    return !parsed.prefix && !parsed.codes.length && !parsed.terms.length && !parsed.ndc;
  }
  function passesFilters(record, options) {
    if (options.active && record.status === "terminated") return false;
    if (options.guides && !record.kind && !record.guide) return false;
    return true;
  }
  async function searchScriptIndex(store, query, options = {}) {
    const parsed = typeof query === "string" ? parseQuery(query) : query;
    const limit = options.limit || 10;
    if (isEmptyQuery(parsed)) return { results: [], total: 0 };
    const { index, more } = await rankIndex(store, parsed.typed);
    const ranked = rank(index, parsed.typed, { more }).filter((hit2) => passesFilters(hit2.record, options));
    const best = ranked[0];
    const suggestion2 = best && best.tier === TIER.FUZZY ? best.suggestion : "";
    const marks = suggestion2 ? [...parsed.marks, ...words(suggestion2)] : parsed.marks;
    const results = await Promise.all(ranked.slice(0, limit).map((hit2) => hitResult(store, hit2, { ...parsed, marks })));
    return { results, total: ranked.length, exact: Boolean(best && [TIER.CODE, TIER.MODIFIER].includes(best.tier)), suggestion: suggestion2 };
  }
  async function hitResult(store, hit2, parsed) {
    const { record } = hit2;
    if (record.kind === "modifier") {
      const result = { path: record.path, code: record.code, title: record.title, aliases: [], snippet: "Modifier glossary", guide: true };
      return makeResult({ ...result, terminated: record.status === "terminated" }, parsed);
    }
    const manifest = await store.manifest();
    const [[, row]] = await rowsOf(store, [record.number]);
    const [code, path, title, subtitle, headingNumbers, unit] = row;
    const aliases = record.names || [];
    const headings = headingNumbers.map((h) => manifest.headings[h]);
    const snippet = snippetText({ subtitle, aliases, headings, title, byName: NAME_REASONS.has(hit2.reason), marks: parsed.marks });
    const terminated2 = record.status === "terminated";
    return makeResult({ path, code, title, aliases, unit, snippet, guide: record.guide, terminated: terminated2, drug: record.drug }, parsed);
  }
  function snippetText({ subtitle, aliases, headings, title = "", byName = false, marks }) {
    if (byName && aliases.length) return `Also known as ${aliases.join(", ")}`;
    const has = (text) => words(text).some((w) => marks.some((m) => w.startsWith(m)));
    if (!has(title) && !has(subtitle || "")) {
      const heading = headings.find(has);
      if (heading) return `Section: ${heading}`;
    }
    return subtitle || "";
  }
  function makeResult({ path, code, title, aliases, unit = "", snippet, guide, terminated: terminated2, drug = false }, parsed) {
    return {
      path,
      code,
      title,
      aliases,
      unit,
      guide,
      terminated: terminated2,
      drug,
      codeMarks: highlight(code, parsed.marks),
      titleMarks: highlight(title, parsed.marks),
      snippet: Array.isArray(snippet) ? snippet : highlight(snippet, parsed.marks)
    };
  }
  function highlight(text, marks) {
    const source = String(text || "");
    const segments = [];
    let last2 = 0;
    if (marks.length) {
      for (const match of source.matchAll(/[\p{L}\p{N}]+/gu)) {
        const word = words(match[0]).join("");
        if (!marks.some((m) => word.startsWith(m))) continue;
        if (match.index > last2) segments.push({ text: source.slice(last2, match.index), mark: false });
        segments.push({ text: match[0], mark: true });
        last2 = match.index + match[0].length;
      }
    }
    if (last2 < source.length) segments.push({ text: source.slice(last2), mark: false });
    return segments;
  }
  function splitMarked(excerpt) {
    const entities = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'", nbsp: " " };
    const decode = (s) => s.replace(/&(amp|lt|gt|quot|#39|#x27|nbsp);/g, (_, name) => entities[name]);
    const segments = [];
    const parts = String(excerpt || "").split(/(<mark>|<\/mark>)/);
    let mark = false;
    for (const part of parts) {
      if (part === "<mark>") mark = true;
      else if (part === "</mark>") mark = false;
      else if (part) segments.push({ text: decode(part.replace(/<[^>]*>/g, "")), mark });
    }
    return segments;
  }
  function pagefindSnippet(data) {
    let best = null;
    for (const sub of data.sub_results || []) {
      const hits = (sub.locations || []).length;
      if (String(sub.url).includes("#") && hits && (!best || hits > best.locations.length)) best = sub;
    }
    if (!best) return fromSentence(splitMarked(data.excerpt));
    return [{ text: `${best.title}: `, mark: false }, ...fromSentence(splitMarked(best.excerpt))];
  }
  function fromSentence(segments) {
    const first = segments.findIndex((s) => s.mark);
    const before = segments.slice(0, first < 0 ? segments.length : first).map((s) => s.text).join("").length;
    const all = segments.map((s) => s.text).join("");
    const starts = [...all.matchAll(/[.!?:;]\s+(?=[\p{Lu}\p{N}])/gu)].filter((m) => m.index < before);
    let cut = starts.length ? starts[starts.length - 1].index + starts[starts.length - 1][0].length : 0;
    const out = [];
    for (const segment of segments) {
      if (cut >= segment.text.length && !segment.mark) {
        cut -= segment.text.length;
        continue;
      }
      out.push(cut ? { ...segment, text: segment.text.slice(cut) } : segment);
      cut = 0;
    }
    const text = out.map((s) => s.text).join("");
    if (out.length && !/^[\p{Lu}\p{N}]/u.test(text.trimStart())) out.unshift({ text: "… ", mark: false });
    return out;
  }
  function pagefindPath(url) {
    return String(url).replace(/^\/+/, "");
  }
  function pagefindFilters(options) {
    const filters = {};
    if (options.active) filters.status = "active";
    if (options.guides) filters.kind = "guide";
    return filters;
  }
  function pagefindResult(data, parsed) {
    const meta = data.meta || {};
    const filters = data.filters || {};
    return makeResult(
      {
        path: pagefindPath(data.url),
        code: meta.code || "",
        title: meta.title || "",
        aliases: meta.aliases ? meta.aliases.split(", ") : [],
        snippet: pagefindSnippet(data),
        guide: (filters.kind || []).includes("guide"),
        terminated: (filters.status || []).includes("terminated")
      },
      parsed
    );
  }
  async function searchPagefind(pagefind, store, query, options = {}) {
    const parsed = parseQuery(query);
    const limit = options.limit || 10;
    if (isEmptyQuery(parsed)) return { results: [], total: 0 };
    const structured = await searchScriptIndex(store, parsed, options);
    if (structured.exact || parsed.ndc || parsed.prefix) return structured;
    const room = Math.min(limit - structured.results.length, options.fullText ?? limit);
    if (room <= 0) return structured;
    const search = await pagefind.search(parsed.text, { filters: pagefindFilters(options) });
    if (!search) return null;
    const seen = new Set(structured.results.map((r) => r.path));
    const loaded = (await Promise.all(search.results.slice(0, room).map((hit2) => hit2.data()))).map((d) => pagefindResult(d, parsed));
    const fresh = loaded.filter((r) => !seen.has(r.path)).map((r) => ({ ...r, fullText: true }));
    const results = [...structured.results, ...fresh].slice(0, limit);
    return { ...structured, results, total: structured.total + search.results.length - (loaded.length - fresh.length) };
  }

  // site_assets/js/search-ui.mjs
  var input = document.getElementById("search-q");
  if (input && input.form) startSearch(input, input.form);
  function startSearch(input2, form) {
    var root = input2.getAttribute("data-root") || "";
    var resultsPage = form.getAttribute("action");
    var page = document.getElementById("search-page");
    var DROPDOWN_LIMIT = 6;
    var DROPDOWN_FULL_TEXT = 3;
    var PAGE_STEP = 8;
    var EXCERPT_WORDS = 30;
    var parts = window.CodebookSearchParts = window.CodebookSearchParts || {};
    function loadPart(key, path) {
      if (parts[key]) return Promise.resolve(parts[key]);
      return new Promise(function(resolve, reject) {
        var script = document.createElement("script");
        script.src = root + path;
        script.onload = function() {
          if (parts[key]) resolve(parts[key]);
          else reject(new Error("search index part " + path + " is empty"));
        };
        script.onerror = function() {
          reject(new Error("search index part " + path + " could not be loaded"));
        };
        document.head.appendChild(script);
      });
    }
    var store = createStore(loadPart);
    var engine = null;
    function scriptEngine(query, options) {
      return searchScriptIndex(store, query, options);
    }
    function pickEngine() {
      if (!/^https?:$/.test(location.protocol)) return Promise.resolve(scriptEngine);
      var url = new URL(root + "pagefind/pagefind.js", document.baseURI).href;
      return import(url).then(function(pagefind) {
        return pagefind.options({ baseUrl: "/", excerptLength: EXCERPT_WORDS, noWorker: true }).then(function() {
          return mergeParts(pagefind);
        }).then(function() {
          return function(query, options) {
            return searchPagefind(pagefind, store, query, options);
          };
        });
      }).catch(function() {
        return scriptEngine;
      });
    }
    function mergeParts(pagefind) {
      return fetch(new URL(root + "pagefind/parts.json", document.baseURI).href).then(function(response) {
        return response.ok ? response.json() : [];
      }).then(function(folders) {
        return Promise.all(
          folders.map(function(folder) {
            var url = new URL(root + "pagefind/" + folder, document.baseURI).href;
            return pagefind.mergeIndex(url, { baseUrl: "/", excerptLength: EXCERPT_WORDS });
          })
        );
      });
    }
    var sequence = 0;
    function run(query, options, show) {
      var mine = ++sequence;
      engine = engine || pickEngine();
      return engine.then(function(search) {
        return search(query, options);
      }).then(function(found) {
        if (found && mine === sequence) show(found);
      }).catch(function(error) {
        if (mine === sequence) show({ results: [], total: 0, error });
      });
    }
    function segmentsInto(parent, segments) {
      segments.forEach(function(segment) {
        var node = segment.mark ? document.createElement("mark") : document.createTextNode(segment.text);
        if (segment.mark) node.textContent = segment.text;
        parent.appendChild(node);
      });
    }
    function span(className, segments) {
      var element = document.createElement("span");
      element.className = className;
      if (typeof segments === "string") element.textContent = segments;
      else segmentsInto(element, segments);
      return element;
    }
    function resultItem(result) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + result.path;
      link.className = "search-result";
      var heading = span("result-heading", "");
      heading.appendChild(span("code", result.codeMarks));
      heading.appendChild(document.createTextNode(" "));
      heading.appendChild(span("result-title", result.titleMarks));
      if (result.terminated) heading.append(" ", span("badge badge-terminated", "Terminated"));
      if (!result.guide && !result.drug) heading.append(" ", span("badge badge-catalog", "catalog"));
      link.appendChild(heading);
      if (result.unit) link.appendChild(span("result-unit", "Billing unit: " + result.unit));
      if (result.snippet.length) link.appendChild(span("result-snippet", result.snippet));
      item.appendChild(link);
      if (result.fullText) item.className = "search-fulltext";
      return item;
    }
    function label(className, text) {
      var item = document.createElement("li");
      item.className = className;
      item.setAttribute("role", "presentation");
      item.textContent = text;
      return item;
    }
    function resultItems(found) {
      var results = found.results;
      var items = [];
      if (found.suggestion && results.length) items.push(label("search-suggestion", "Did you mean “" + found.suggestion + "”?"));
      results.forEach(function(result, i) {
        if (result.fullText && !(results[i - 1] && results[i - 1].fullText)) {
          items.push(label("search-group", "Also mentioned in the text"));
        }
        items.push(resultItem(result));
      });
      return items;
    }
    function statusText(found, query) {
      if (found.error) return "Search is not available: " + found.error.message;
      if (!found.total) return "No codes match “" + query + "”.";
      var shown = found.results.length;
      var count = found.total === 1 ? "1 result" : found.total + " results";
      return count + " for “" + query + "”" + (shown < found.total ? ", showing " + shown + "." : ".");
    }
    var popup = document.createElement("div");
    popup.className = "search-popup";
    popup.id = "search-popup";
    popup.hidden = true;
    var popupList = document.createElement("ol");
    popupList.className = "search-results";
    var popupFoot = document.createElement("p");
    popupFoot.className = "search-popup-foot";
    popupFoot.setAttribute("role", "status");
    popup.appendChild(popupList);
    popup.appendChild(popupFoot);
    form.appendChild(popup);
    input2.setAttribute("role", "combobox");
    input2.setAttribute("aria-autocomplete", "list");
    input2.setAttribute("aria-controls", popup.id);
    input2.setAttribute("aria-expanded", "false");
    function setOpen(open) {
      popup.hidden = !open;
      input2.setAttribute("aria-expanded", String(open));
    }
    function showPopup(query, found) {
      popupList.replaceChildren.apply(popupList, resultItems(found));
      var all = document.createElement("a");
      all.href = resultsPage + "?q=" + encodeURIComponent(query);
      all.textContent = found.total > found.results.length ? "All " + found.total + " results" : "Open as a page";
      popupFoot.replaceChildren(document.createTextNode(statusText(found, query) + " "), all);
      setOpen(true);
    }
    form.addEventListener("submit", function(event) {
      var query = input2.value.trim();
      if (!isExactQuery(parseQuery(query))) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      run(query, { limit: 1 }, function(found) {
        var path = exactPath(parseQuery(query), found);
        if (path) location.href = root + path;
        else if (page) searchPage();
        else form.submit();
      });
    });
    var pageLimit = PAGE_STEP;
    function filterBox(name) {
      return page && page.querySelector('input[name="' + name + '"]');
    }
    function pageOptions() {
      return { limit: pageLimit, active: filterBox("active").checked, guides: filterBox("guides").checked };
    }
    function showPage(query, found) {
      document.getElementById("search-status").textContent = query ? statusText(found, query) : "";
      var list = document.getElementById("search-page-results");
      list.replaceChildren.apply(list, resultItems(found));
      document.getElementById("search-more").hidden = found.results.length >= found.total;
    }
    function searchPage() {
      var query = input2.value.trim();
      var params2 = new URLSearchParams();
      if (query) params2.set("q", query);
      ["active", "guides"].forEach(function(name) {
        if (filterBox(name).checked) params2.set(name, "1");
      });
      try {
        history.replaceState(null, "", "?" + params2.toString());
      } catch (error) {
      }
      run(query, pageOptions(), function(found) {
        showPage(query, found);
      });
    }
    var timer = 0;
    input2.addEventListener("input", function() {
      clearTimeout(timer);
      timer = setTimeout(function() {
        pageLimit = PAGE_STEP;
        if (page) return searchPage();
        var query = input2.value.trim();
        if (!query) return setOpen(false);
        run(query, { limit: DROPDOWN_LIMIT, fullText: DROPDOWN_FULL_TEXT }, function(found) {
          showPopup(query, found);
        });
      }, 120);
    });
    function typingIn(target) {
      return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    }
    document.addEventListener("keydown", function(event) {
      if (event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !typingIn(event.target)) {
        event.preventDefault();
        input2.focus();
        input2.select();
      }
    });
    form.addEventListener("keydown", function(event) {
      var links = Array.prototype.slice.call(popup.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (event.key === "Escape") {
        setOpen(false);
        input2.focus();
      } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && !popup.hidden && links.length) {
        event.preventDefault();
        var next = event.key === "ArrowDown" ? at + 1 : at - 1;
        if (next < 0) input2.focus();
        else links[Math.min(next, links.length - 1)].focus();
      }
    });
    form.addEventListener("focusout", function(event) {
      if (!form.contains(event.relatedTarget)) setOpen(false);
    });
    if (page) {
      var params = new URLSearchParams(location.search);
      input2.value = params.get("q") || "";
      ["active", "guides"].forEach(function(name) {
        filterBox(name).checked = params.get(name) === "1";
        filterBox(name).addEventListener("change", function() {
          pageLimit = PAGE_STEP;
          searchPage();
        });
      });
      document.getElementById("search-more").addEventListener("click", function() {
        pageLimit += PAGE_STEP;
        searchPage();
      });
      form.addEventListener("submit", function(event) {
        event.preventDefault();
        searchPage();
      });
      if (input2.value) searchPage();
    }
  }
})();
