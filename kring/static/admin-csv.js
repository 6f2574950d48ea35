// Piccolo Admin's "Export CSV" (/admin) builds its file in the browser, each cell quoted as it
// is stored: a member named "=HYPERLINK(…)", as an old CRM export brings in, became a formula
// when a spreadsheet opened the download. Its cells get the apostrophe Kring's own exports put
// before a cell a spreadsheet would run (kring/spreadsheets.py, safe_cell): one starting with
// = + - @ tab or CR, after any apostrophes. Piccolo Admin doubles every quote inside a cell, so
// a quote right after a separator or a line's start opens a cell.
(() => {
  const NativeBlob = window.Blob;
  const CSV = "text/csv;charset=utf-8;";  // what Piccolo Admin's export makes, and only it
  const cellStart = /(^|[,;\n])"(?='*[=+\-@\t\r])/g;
  window.Blob = class extends NativeBlob {
    constructor(parts, options) {
      const one = parts && parts.length === 1 && typeof parts[0] === "string";
      super(one && options && options.type === CSV ? [parts[0].replace(cellStart, "$1\"'")] : parts, options);
    }
  };
})();
