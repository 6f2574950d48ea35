// Piccolo Admin (/admin) writes a table's name as its database name with spaces
// ("organisation domain") and has no setting for another; it writes its page sizes as
// "15 per page", its pager's "of 21" and its questions before logging out and deleting
// (window.confirm) outside its translations. Kring's admin page carries
// the words in the reader's language (kring/admin_names.py); this puts them where Piccolo Admin
// writes those: the sidebar, a page's heading, the list of related tables, the page-size
// choices, the pager. It changes the text node (or the attribute) Piccolo Admin's Vue keeps,
// so Vue's next change of it is seen and renamed again.
(() => {
  const data = document.getElementById("kring-table-names");
  if (!data) return;
  const words = JSON.parse(data.textContent);
  const names = words.tables;
  // Its questions before logging out and deleting, asked in its own code: asked in the
  // reader's language. One row's deletion names the row ("delete row 12?").
  const ask = window.confirm.bind(window);
  window.confirm = (message) => {
    const text = String(message ?? "");
    const row = /^Are you sure you want to delete row (.+)\?$/.exec(text);
    const asked = row ? words["delete row"].replace("%(row)s", () => row[1]) : words.questions[text];
    return ask(asked === undefined ? message : asked);
  };
  const places = "div.sidebar li, h1, ul.related_tables li";
  const rename = () => {
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
    for (const option of document.querySelectorAll("option[label$=' per page']")) {
      const label = option.label.replace(/ per page$/, " " + words["per page"]);
      if (label !== option.label) option.label = label;
    }
  };
  new MutationObserver(rename).observe(document.documentElement, {
    childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ["label"],
  });
  rename();
})();
