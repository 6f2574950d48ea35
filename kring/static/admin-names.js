// Piccolo Admin (/admin) writes a table's name as its database name with spaces
// ("organisation domain") and has no setting for another. Kring's admin page carries each
// table's name in the reader's language (kring/admin_names.py); this puts it where Piccolo
// Admin writes one: the sidebar, a page's heading, the list of related tables. It changes the
// text node Piccolo Admin's Vue keeps, so Vue's next change of it is seen and renamed again.
(() => {
  const data = document.getElementById("kring-table-names");
  if (!data) return;
  const names = JSON.parse(data.textContent);
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
  };
  new MutationObserver(rename).observe(document.documentElement, {
    childList: true, subtree: true, characterData: true,
  });
  rename();
})();
