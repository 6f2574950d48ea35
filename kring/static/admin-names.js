// Piccolo Admin (/admin) writes a table's name as its database name with spaces
// ("organisation domain") and has no setting for another; it writes its page sizes as
// "15 per page", its pager's "of 21" and its questions before logging out and deleting
// (window.confirm) outside its translations. Kring's admin page carries
// the words in the reader's language (kring/admin_names.py); this puts them where Piccolo Admin
// writes those: the sidebar, a page's heading, the list of related tables, the page-size
// choices, the pager. It changes the text node (or the attribute) Piccolo Admin's Vue keeps,
// so Vue's next change of it is seen and renamed again.
// It writes the same way Piccolo Admin's other texts written in its own code: its notices
// ("Successfully saved row"), alerts, questions, filter operators, tooltips and placeholders
// (words.texts and words.patterns, from kring/admin_texts.py), its headings "Add member" and
// "Edit member", and the columns its sort, export and bulk change name by their keys.
(() => {
  const data = document.getElementById("kring-table-names");
  if (!data) return;
  const words = JSON.parse(data.textContent);
  const names = words.tables;
  // Its questions before logging out and deleting, asked in its own code: asked in the
  // reader's language. One row's deletion names the row ("delete row 12?").
  const texts = words.texts || {};
  const patterns = Object.entries(words.patterns || {}).map(([p, m]) => [new RegExp(p, "s"), m]);
  const own = (map, key) => (Object.hasOwn(map, key) ? map[key] : undefined);
  const shownValue = (key, value) => {
    if (key === "count" && /^\d+$/.test(value)) return Number(value).toLocaleString(words.locale);
    if (key === "table") return own(names, value.toLowerCase()) ?? value;
    if (key === "column") return own(own(words.columns || {}, currentTable()) || {}, value) ?? value;
    if (key === "detail") return detailOf(value);
    return value;
  };
  // A 400's body shown as it came ('{"detail":"…"}'): its detail alone, in the reader's
  // language where Kring gave it so (`message`: kring.admin_site.in_readers_words).
  const detailOf = (text) => {
    if (!text.startsWith("{")) return text;
    try {
      const said = JSON.parse(text);
      if (typeof said?.message === "string") return said.message;
      return typeof said?.detail === "string" ? said.detail : text;
    } catch {
      return text;
    }
  };
  // The reader's words for one of Piccolo Admin's own English texts, or undefined.
  const say = (text) => {
    const shown = String(text ?? "").trim();
    const fixed = own(texts, shown);
    if (fixed !== undefined) return fixed;
    for (const [pattern, message] of patterns) {
      const found = pattern.exec(shown);
      if (found) {
        return message.replace(/%%|%\((\w+)\)s/g, (all, key) =>
          all === "%%" ? "%" : found.groups?.[key] === undefined ? all : shownValue(key, found.groups[key]));
      }
    }
    return undefined;
  };
  const ask = window.confirm.bind(window);
  let deleting = null;  // the row its list's delete button was just answered "yes" for
  window.confirm = (message) => {
    const text = String(message ?? "");
    const row = /^Are you sure you want to delete row (.+)\?$/.exec(text);
    const asked = row ? words["delete row"].replace("%(row)s", () => row[1]) : words.questions[text] ?? say(text);
    const yes = ask(asked === undefined ? message : asked);
    deleting = row && yes ? row[1] : null;
    return yes;
  };
  const tell = window.alert.bind(window);
  window.alert = (message) => tell(say(message) ?? message);
  // Its list's delete button (a row's menu) says nothing when the row is refused: it does not
  // catch the answer, which only its console shows ("erasure goes through a privacy erasure
  // request", 409). The refusal is told as its other deletes tell one, in the reader's words.
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    const row = deleting;
    const path = String(url).split("?")[0];
    if (row !== null && String(method).toUpperCase() === "DELETE" && path.endsWith(`/${row}/`)) {
      deleting = null;
      this.addEventListener("loadend", () => {
        if (this.status >= 400) window.alert(`Unable to delete row ${row} (${this.responseText})`);
      });
    }
    return open.call(this, method, url, ...rest);
  };
  const currentTable = () => decodeURIComponent((location.hash.split("/")[1] || "").split("?")[0]);
  // Text that is the rows' own data is never Piccolo Admin's: a cell (but its NULL), a row
  // found by a search (after its "All" and "None").
  const isData = (element) =>
    (element.closest("tbody td") !== null && element.tagName !== "CODE") ||
    element.closest("ul.results_list li:nth-child(n+3)") !== null;
  const writeTexts = () => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      const shown = node.nodeValue.trim();
      if (!element || !shown || element.closest("script, style") || isData(element)) continue;
      let said = element.closest(".errors li") ? say(shown) ?? detailOf(shown) : say(shown);
      if (element.tagName === "H1") said = heading(shown) ?? said;
      if (said !== undefined && said !== shown) node.nodeValue = node.nodeValue.replace(shown, () => said);
    }
    for (const element of document.querySelectorAll("[title], [placeholder]")) {
      for (const attribute of ["title", "placeholder"]) {
        const said = say(element.getAttribute(attribute));
        if (said !== undefined && said !== element.getAttribute(attribute)) element.setAttribute(attribute, said);
      }
    }
    // Its sort, export and bulk change name a column by its key ("first_name"); only their
    // lists of columns, never a column's own choices ("phone", a way of meeting).
    const columns = own(words.columns || {}, currentTable()) || {};
    for (const option of document.querySelectorAll("select[name=column] option, select[name=property] option")) {
      const label = own(columns, option.text.trim());
      if (label !== undefined && option.value === option.text.trim() && option.text !== label) option.text = label;
    }
    for (const label of document.querySelectorAll(".column_list label")) {
      const named = own(columns, label.textContent.trim());
      if (named !== undefined && label.textContent !== named) label.textContent = named;
    }
  };
  // "Toevoegen member": its translated verb and the table's database name.
  const heading = (shown) => {
    for (const [verb, message] of Object.entries(words.headings || {})) {
      if (!shown.startsWith(verb + " ")) continue;
      const name = own(names, shown.slice(verb.length + 1).toLowerCase());
      if (name !== undefined) return message.replace("%(table)s", () => name);
    }
    return undefined;
  };
  const places = "div.sidebar li, h1, ul.related_tables li";
  const rename = () => {
    writeTexts();
    for (const place of document.querySelectorAll(places)) {
      const walker = document.createTreeWalker(place, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const shown = node.nodeValue.trim();
        const name = names[shown.toLowerCase()];
        // never set what is there already: the observer would see it and run again
        if (name !== undefined && name !== shown) node.nodeValue = node.nodeValue.replace(shown, name);
      }
    }
    for (const count of document.querySelectorAll("li.count")) {
      const node = count.firstChild;  // the pager's "of 21", written outside its translations
      if (node && node.nodeType === Node.TEXT_NODE && node.nodeValue.startsWith("of ")) {
        const shown = words.of + node.nodeValue.slice(2);
        if (shown !== node.nodeValue) node.nodeValue = shown;
      }
    }
    // Its menu button on a phone, three lines drawn in a link without a name.
    for (const button of document.querySelectorAll("#burger_menu > a")) {
      if (words.menu && button.getAttribute("aria-label") !== words.menu) button.setAttribute("aria-label", words.menu);
    }
    for (const option of document.querySelectorAll("option[label$=' per page']")) {
      const label = option.label.replace(/ per page$/, " " + words["per page"]);
      if (label !== option.label) option.label = label;
    }
  };
  new MutationObserver(rename).observe(document.documentElement, {
    childList: true, subtree: true, characterData: true, attributes: true,
    attributeFilter: ["label", "title", "placeholder"],
  });
  rename();
})();
