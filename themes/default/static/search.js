/* Search on every page: the box in the header lists matching names, other spellings, names in
   other scripts, facts and source sentences as you type; search.html shows all results for
   ?q=. The index is search-index.js, a plain script built with the site (see docs/search.md),
   loaded when the box is first used, so search works from file:// as well as from a server and
   never fetches anything. Keys: "/" focuses the box, arrows move through the results, Enter
   opens one, Escape closes the list (and then clears the box). Without this script the box is
   a form that leads to search.html, which says that search needs JavaScript. */
(function () {
  "use strict";

  var INDEX = "EXPLAINER_SEARCH_INDEX";
  var SHOWN = 8; // results in the list under the box
  var PAGE_SHOWN = 100; // results on search.html
  var SNIPPET = 140; // characters of context shown around a match
  var html = document.documentElement;
  var root = html.getAttribute("data-root") || "";
  var singleFile = html.hasAttribute("data-single-file");

  /* The index ------------------------------------------------------------------------- */

  var index = null;
  var waiting = [];
  var loading = false;

  function withIndex(then) {
    if (index || window[INDEX]) {
      index = index || prepare(window[INDEX]);
      then(index);
      return;
    }
    waiting.push(then);
    if (loading) return;
    loading = true;
    var script = document.createElement("script");
    script.src = root + "search-index.js";
    script.onload = function () {
      index = window[INDEX] ? prepare(window[INDEX]) : null;
      var calls = waiting;
      waiting = [];
      calls.forEach(function (call) { call(index); });
    };
    script.onerror = function () {
      var calls = waiting;
      waiting = [];
      calls.forEach(function (call) { call(null); });
    };
    document.head.appendChild(script);
  }

  // The index as loaded, with the words of every name (names, other spellings, names in
  // other scripts) grouped by length, for spelling mistakes; one search warms the code up.
  function prepare(data) {
    var byLength = [];
    var entriesOf = new Map();
    var pattern = /[\p{L}\p{N}]+/gu;
    data.entries.forEach(function (entry, i) {
      if (entry[0] > 2) return;
      pattern.lastIndex = 0;
      for (var word = pattern.exec(entry[2]); word; word = pattern.exec(entry[2])) {
        var text = word[0];
        var list = entriesOf.get(text);
        if (!list) {
          entriesOf.set(text, list = []);
          (byLength[text.length] = byLength[text.length] || []).push(text);
        }
        if (list[list.length - 1] !== i) list.push(i);
      }
    });
    var prepared = {
      kinds: data.kinds, pages: data.pages, docs: data.docs, entries: data.entries,
      nameWords: byLength, entriesOfWord: entriesOf
    };
    search(prepared, "a", SHOWN);
    last = { data: null, query: "", matched: null };
    return prepared;
  }

  /* Folding, as the index was folded (generator/search.py: fold) ------------------------ */

  var MARKS = /\p{Mn}/gu;
  var SPECIAL = /[ßς]/g;
  var SPECIAL_FOLD = { "ß": "ss", "ς": "σ" };

  function fold(text) {
    return text.normalize("NFKD").replace(MARKS, "").toLowerCase()
      .replace(SPECIAL, function (c) { return SPECIAL_FOLD[c]; })
      .replace(/\s+/g, " ").trim();
  }

  // The text as written, from its folded form and the entry's case changes.
  function unfold(folded, changes) {
    if (!changes) return folded;
    var out = "";
    var at = 0;
    for (var i = 0; i < changes.length; i++) {
      var change = changes[i];
      if (typeof change === "number") {
        out += folded.slice(at, change) + folded.charAt(change).toUpperCase();
        at = change + 1;
      } else {
        out += folded.slice(at, change[0]) + change[2];
        at = change[1];
      }
    }
    return out + folded.slice(at);
  }

  // Where position `at` of the folded text lies in the text as written; a position inside a
  // run that folding changed moves to the run's start, or to its end when `atEnd`.
  function unfoldPosition(changes, at, atEnd) {
    if (!changes) return at;
    var shift = 0;
    for (var i = 0; i < changes.length; i++) {
      var change = changes[i];
      if (typeof change === "number") continue;
      if (change[0] >= at) break;
      if (change[1] > at) return change[0] + shift + (atEnd ? change[2].length : 0);
      shift += change[2].length - (change[1] - change[0]);
    }
    return at + shift;
  }

  /* Matching and ranking --------------------------------------------------------------- */

  var LETTER = /[\p{L}\p{N}\p{M}]/u;

  function isWordStart(text, at) {
    if (at === 0) return true;
    var code = text.charCodeAt(at - 1);
    if (code < 128) return !((code >= 97 && code <= 122) || (code >= 48 && code <= 57));
    return !LETTER.test(text.charAt(at - 1));
  }

  // Scripts written without spaces between words: a term may match inside a "word" there.
  var NO_SPACES = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

  function wordStartIndex(text, term, from) {
    var at = text.indexOf(term, from);
    while (at >= 0 && !isWordStart(text, at)) at = text.indexOf(term, at + 1);
    return at;
  }

  // The whole query as a phrase, else each term at the start of a word; null if a term is
  // missing. Each span is [start, length] in the folded text.
  function findTerms(text, query, terms) {
    var phrase = terms.length > 1 ? wordStartIndex(text, query, 0) : -1;
    if (phrase >= 0) return { spans: [[phrase, query.length]], phrase: true };
    var spans = [];
    for (var i = 0; i < terms.length; i++) {
      var term = terms[i];
      var at = wordStartIndex(text, term, 0);
      if (at < 0 && NO_SPACES.test(term)) at = text.indexOf(term);
      if (at < 0) return null;
      spans.push([at, term.length]);
    }
    return { spans: spans, phrase: terms.length === 1 };
  }

  // One edit (or two in a long word) away: "Masud" finds "Massoud" when nothing else does.
  var rowA = new Int32Array(64);
  var rowB = new Int32Array(64);

  function near(a, b) {
    var limit = a.length >= 8 ? 2 : 1;
    if (Math.abs(a.length - b.length) > limit || b.length >= 63) return false;
    var previous = rowA;
    var current = rowB;
    for (var j = 0; j <= b.length; j++) previous[j] = j;
    for (var i = 1; i <= a.length; i++) {
      current[0] = i;
      var best = i;
      var ca = a.charCodeAt(i - 1);
      for (j = 1; j <= b.length; j++) {
        var cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
        var value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        current[j] = value;
        if (value < best) best = value;
      }
      if (best > limit) return false;
      var swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length] <= limit;
  }

  // Each term at the start of a word, or a whole word near it in spelling; null otherwise.
  function fuzzyFind(text, terms) {
    var spans = [];
    var pattern = /[\p{L}\p{N}]+/gu;
    for (var i = 0; i < terms.length; i++) {
      var term = terms[i];
      var at = wordStartIndex(text, term, 0);
      if (at >= 0) {
        spans.push([at, term.length]);
        continue;
      }
      if (term.length < 4) return null;
      pattern.lastIndex = 0;
      for (var word = pattern.exec(text); word; word = pattern.exec(text)) {
        if (near(term, word[0])) { at = word.index; spans.push([at, word[0].length]); break; }
      }
      if (at < 0) return null;
    }
    return { spans: spans, phrase: false };
  }

  // Lower is better: exact matches before spelling mistakes, then what the text is (a name
  // before a fact), then how well it matches (the whole text, its start, the query as a
  // phrase, its words anywhere), then shorter texts first.
  function score(field, text, query, match, fuzzy) {
    var length = Math.min(text.length, 2000) / 10000;
    if (fuzzy) return 100 + field * 10 + length;
    var quality;
    if (text === query) quality = 0;
    else if (text.indexOf(query) === 0) quality = 1;
    else if (match.phrase) quality = 2;
    else quality = 3;
    return field * 10 + quality + length;
  }

  // The best entry of each document, best documents first; names that are one spelling
  // mistake away join when the exact matches are fewer than `limit`. While a query grows
  // (one more letter, one more word) only the entries that matched it before are scanned:
  // they are all that can match it (but in scripts without spaces, where a term matches
  // inside words, so there every entry is scanned).
  var last = { data: null, query: "", matched: null };

  function search(data, rawQuery, limit) {
    var query = fold(rawQuery);
    if (!query) return { query: query, total: 0, results: [] };
    var terms = query.split(" ");
    var found = {
      score: new Float64Array(data.docs.length),
      entry: new Int32Array(data.docs.length),
      fuzzy: new Uint8Array(data.docs.length),
      order: []
    };
    var narrowed = last.data === data && last.matched && query.indexOf(last.query) === 0
      && !NO_SPACES.test(query);
    var matched = scanExact(data, query, terms, narrowed ? last.matched : null, found);
    last = { data: data, query: query, matched: matched };
    if (found.order.length < limit) scanFuzzy(data, terms, found);
    return { query: query, total: found.order.length, results: top(data, query, terms, found, limit) };
  }

  function keep(found, doc, value, entry, fuzzy) {
    var known = found.score[doc];
    if (known === 0) {
      found.order.push(doc);
    } else if (known <= value) {
      return;
    }
    found.score[doc] = value;
    found.entry[doc] = entry;
    found.fuzzy[doc] = fuzzy ? 1 : 0;
  }

  // Scores are stored plus one, so that 0 means "not found" in a fresh array.
  function scanExact(data, query, terms, only, found) {
    var entries = data.entries;
    var matched = [];
    var count = only ? only.length : entries.length;
    for (var k = 0; k < count; k++) {
      var i = only ? only[k] : k;
      var entry = entries[i];
      var text = entry[2];
      var match = findTerms(text, query, terms);
      if (!match) continue;
      matched.push(i);
      keep(found, entry[1], 1 + score(entry[0], text, query, match, false), i, false);
    }
    return matched;
  }

  // Names with a word near a term in spelling, for the terms at least four letters long
  // (not numbers) that no name starts a word with.
  function scanFuzzy(data, terms, found) {
    var candidates = null;
    for (var t = 0; t < terms.length; t++) {
      var term = terms[t];
      if (term.length < 4 || /\d/.test(term)) continue;
      var entries = [];
      var limit = term.length >= 8 ? 2 : 1;
      for (var length = term.length - limit; length <= term.length + limit; length++) {
        (data.nameWords[length] || []).forEach(function (word) {
          if (near(term, word)) entries = entries.concat(data.entriesOfWord.get(word));
        });
      }
      candidates = candidates ? candidates.concat(entries) : entries;
    }
    if (!candidates) return;
    candidates.sort(function (a, b) { return a - b; });
    for (var k = 0; k < candidates.length; k++) {
      var i = candidates[k];
      if (k && candidates[k - 1] === i) continue;
      var entry = data.entries[i];
      if (found.score[entry[1]] !== 0) continue; // found exactly
      var match = fuzzyFind(entry[2], terms);
      if (match) keep(found, entry[1], 1 + score(entry[0], entry[2], "", match, true), i, true);
    }
  }

  // The `limit` best documents, in order, without sorting all of them; their matches found
  // again to mark them.
  function top(data, query, terms, found, limit) {
    var order = found.order;
    var score = found.score;
    var chosen = order;
    if (order.length > limit) {
      var scores = new Float64Array(order.length);
      for (var i = 0; i < order.length; i++) scores[i] = score[order[i]];
      scores.sort();
      var cut = scores[limit - 1];
      chosen = order.filter(function (doc) { return score[doc] <= cut; });
    }
    chosen.sort(function (a, b) { return score[a] - score[b] || a - b; });
    return chosen.slice(0, limit).map(function (doc) {
      var entry = data.entries[found.entry[doc]];
      var match = found.fuzzy[doc] ? fuzzyFind(entry[2], terms) : findTerms(entry[2], query, terms);
      return { score: score[doc], doc: doc, entry: entry, spans: match.spans };
    });
  }

  /* Showing results ------------------------------------------------------------------- */

  function pageUrl(path, anchor) {
    if (singleFile) return "#/" + path + (anchor ? "/" + anchor : "");
    return root + path + (anchor ? "#" + anchor : "");
  }

  function describe(data, result) {
    var doc = data.docs[result.doc];
    var page = data.pages[doc[1]];
    var entry = result.entry;
    var kind = data.kinds[doc[0]];
    var title = page[1];
    if (doc[2] && /^s\d+$/.test(doc[2])) title += ", sentence " + doc[2].slice(1);
    return {
      kind: kind,
      title: title,
      url: pageUrl(page[0], doc[2]),
      field: entry[0],
      entry: entry,
      spans: result.spans
    };
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // The matched text (or the part of it around the first match), with the matches marked.
  function snippet(entry, spans) {
    var folded = entry[2];
    var changes = entry[3] || null;
    var written = unfold(folded, changes);
    var marks = spans.map(function (span) {
      return [unfoldPosition(changes, span[0], false),
        unfoldPosition(changes, span[0] + span[1], true)];
    }).sort(function (a, b) { return a[0] - b[0]; });
    var from = 0;
    var to = written.length;
    if (written.length > SNIPPET && marks.length) {
      from = Math.max(0, marks[0][0] - 40);
      while (from > 0 && written.charAt(from - 1) !== " ") from--;
      to = Math.min(written.length, from + SNIPPET);
      while (to < written.length && written.charAt(to) !== " ") to++;
    }
    var box = element("span", "search-snippet");
    if (entry.length > 4) {
      box.setAttribute("lang", entry[4]);
      box.setAttribute("dir", entry[5]);
    }
    if (from > 0) box.appendChild(document.createTextNode("… "));
    var at = from;
    marks.forEach(function (mark) {
      var start = Math.max(mark[0], at);
      var end = Math.min(mark[1], to);
      if (end <= start) return;
      box.appendChild(document.createTextNode(written.slice(at, start)));
      box.appendChild(element("mark", "", written.slice(start, end)));
      at = end;
    });
    box.appendChild(document.createTextNode(written.slice(at, to)));
    if (to < written.length) box.appendChild(document.createTextNode(" …"));
    return box;
  }

  var FIELD_LABELS = ["", "also written", "written", "", ""];
  var languages = null;

  // "in Persian" for a name in another script ("written" where the browser cannot say).
  function languageName(code) {
    try {
      languages = languages || new Intl.DisplayNames([html.lang || "en"], { type: "language" });
      var name = code ? languages.of(code) : "";
      return name && name !== code ? "in " + name : "written";
    } catch (error) {
      return "written";
    }
  }

  // The lines of one result: kind and title, then what matched unless it is the title itself.
  function fillResult(box, item) {
    var head = element("span", "search-result-head");
    head.appendChild(element("span", "search-kind", item.kind));
    head.appendChild(document.createTextNode(" "));
    head.appendChild(element("span", "search-title", item.title));
    box.appendChild(head);
    if (item.field !== 0) {
      var line = element("span", "search-match");
      var label = item.field === 2 ? languageName(item.entry[4]) : FIELD_LABELS[item.field];
      if (label) line.appendChild(element("span", "search-field", label + " "));
      line.appendChild(snippet(item.entry, item.spans));
      box.appendChild(line);
    }
  }

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  /* The box in the header (a combobox with a list of results) -------------------------- */

  function setUpBox(form) {
    var input = form.querySelector("input[type=search]");
    if (!input) return;
    var list = element("ul", "search-suggestions");
    list.id = input.id + "-results";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Search results");
    list.hidden = true;
    var status = element("p", "visually-hidden search-status");
    status.setAttribute("role", "status");
    form.appendChild(list);
    form.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-keyshortcuts", "/");

    var items = [];
    var active = -1;
    var shownQuery = null;
    var closing = 0; // the timer that closes the list after the box loses focus

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function activate(number) {
      if (!items.length) return;
      active = (number + items.length) % items.length;
      items.forEach(function (item, i) {
        item.option.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      var option = items[active].option;
      input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    }

    function open(item) {
      close();
      window.location.href = item.url;
    }

    function show(data, query) {
      shownQuery = query;
      list.textContent = "";
      items = [];
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (!query.trim()) {
        close();
        status.textContent = "";
        return;
      }
      if (!data) {
        status.textContent = "The search index could not be loaded.";
        return;
      }
      var found = search(data, query, SHOWN);
      found.results.forEach(function (result, i) {
        var item = describe(data, result);
        var option = element("li", "search-suggestion");
        option.id = list.id + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        fillResult(option, item);
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { open(item); });
        list.appendChild(option);
        items.push({ option: option, url: item.url });
      });
      if (found.total > found.results.length) {
        var all = element("li", "search-suggestion search-all",
          "All " + plural(found.total, "result", "results") + " for “" + query.trim() + "”");
        all.id = list.id + "-all";
        all.setAttribute("role", "option");
        all.setAttribute("aria-selected", "false");
        all.addEventListener("mousedown", function (event) { event.preventDefault(); });
        all.addEventListener("click", function () { openAll(query); });
        list.appendChild(all);
        items.push({ option: all, all: true });
      }
      if (!found.total) {
        var none = element("li", "search-none", "No results for “" + query.trim() + "”");
        none.setAttribute("role", "presentation");
        list.appendChild(none);
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      if (items.length) activate(0);
      status.textContent = found.total
        ? plural(found.total, "result", "results") + "; arrows move, Enter opens"
        : "No results";
    }

    function openAll(query) {
      close();
      if (singleFile) {
        window.location.hash = "#/search.html";
        showPageResults(query);
      } else {
        window.location.href = root + "search.html?q=" + encodeURIComponent(query);
      }
    }

    function update() {
      var query = input.value;
      if (query === shownQuery && !list.hidden) return;
      withIndex(function (data) {
        if (input.value === query) show(data, query);
      });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(closing);
      update();
    });
    input.addEventListener("focus", function () {
      window.clearTimeout(closing);
      withIndex(function () {}); // start loading before the first key
      if (input.value.trim()) update();
    });
    // Closed a moment after focus leaves, so that a click on a result still lands; coming
    // back (or typing) before then keeps it open.
    input.addEventListener("blur", function () { closing = window.setTimeout(close, 150); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (list.hidden) { update(); return; }
        activate(active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Escape") {
        if (!list.hidden) {
          close();
        } else {
          input.value = "";
          shownQuery = null;
          status.textContent = "";
        }
        event.preventDefault();
      } else if (event.key === "Enter") {
        event.preventDefault();
        if (!list.hidden && active >= 0) {
          var item = items[active];
          if (item.all) openAll(input.value); else open(item);
        } else if (input.value.trim()) {
          openAll(input.value);
        }
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (input.value.trim()) openAll(input.value);
    });
  }

  /* search.html ----------------------------------------------------------------------- */

  function searchPage() {
    return document.querySelector("[data-search-page]");
  }

  function showPageResults(query) {
    var page = searchPage();
    if (!page) return;
    var status = page.querySelector(".search-page-status");
    var list = page.querySelector(".search-results");
    var field = page.querySelector("input[type=search]");
    if (field && field.value !== query) field.value = query;
    status.textContent = query.trim() ? "Searching…" : "Type words to search for.";
    list.textContent = "";
    if (!query.trim()) return;
    withIndex(function (data) {
      if (!data) { status.textContent = "The search index could not be loaded."; return; }
      var found = search(data, query, PAGE_SHOWN);
      found.results.forEach(function (result) {
        var item = describe(data, result);
        var li = element("li", "search-result");
        var link = element("a", "search-result-link");
        link.href = item.url;
        fillResult(link, item);
        li.appendChild(link);
        list.appendChild(li);
      });
      var shown = found.results.length;
      status.textContent = !found.total
        ? "No results for “" + query.trim() + "”."
        : plural(found.total, "result", "results") + " for “" + query.trim() + "”"
          + (found.total > shown ? ", the first " + shown + " shown." : ".");
    });
  }

  function setUpPage() {
    var page = searchPage();
    if (!page) return;
    var form = page.querySelector("form");
    var field = form ? form.querySelector("input[type=search]") : null;
    var query = new URLSearchParams(window.location.search).get("q") || "";
    if (form && field) {
      form.hidden = false;
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        if (!singleFile) {
          var url = new URL(window.location.href);
          url.searchParams.set("q", field.value);
          window.history.replaceState(null, "", url.href);
        }
        showPageResults(field.value);
      });
    }
    showPageResults(query);
  }

  /* "/" focuses the box from anywhere but a text field --------------------------------- */

  function editable(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    if (editable(event.target)) return;
    var input = document.querySelector(".site-search input[type=search]");
    if (!input) return;
    event.preventDefault();
    input.focus();
    input.select();
  });

  // The same folding and ranking for other scripts (and tests): query("words", 10) resolves
  // to [{kind, title, url, text}], best first, or null if the index cannot be loaded.
  window.explainerSearch = {
    fold: fold,
    query: function (text, limit) {
      return new Promise(function (resolve) {
        withIndex(function (data) {
          if (!data) { resolve(null); return; }
          resolve(search(data, text, limit || PAGE_SHOWN).results.map(function (result) {
            var item = describe(data, result);
            return {
              kind: item.kind, title: item.title, url: item.url,
              text: unfold(item.entry[2], item.entry[3] || null)
            };
          }));
        });
      });
    }
  };

  document.querySelectorAll("form.site-search").forEach(setUpBox);
  setUpPage();
})();
