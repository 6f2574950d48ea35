// A search that answers in place (htmx) and is refused (400, or 401 when the session ended)
// would swap nothing: the old results and their "N items found" would stay as if they
// answered the new words. The page is loaded instead, as without scripts: it names the
// refused field, or asks to sign in again.
document.addEventListener("htmx:responseError", function (event) {
  var detail = event.detail;
  var path = detail.pathInfo && detail.pathInfo.finalRequestPath;
  if (detail.requestConfig && detail.requestConfig.verb === "get" && path) {
    window.location.assign(path);
  }
});

// A button that prints the page (the officer's access answer): without scripts the browser's
// own print command does the same.
document.addEventListener("click", function (event) {
  if (event.target.closest && event.target.closest("[data-print]")) {
    window.print();
  }
});
