// Piccolo Admin's account menu (/admin) offers "Change password", which would set the password
// of Piccolo's stand-in user for the admin, never the Kring account's (kring/admin_site.py
// refuses it), and "MFA setup", which Kring does not offer (its link answered 404). This leads
// "Change password" to Kring's own page, where Kring's rules apply, and leaves "MFA setup" out.
// A listener on the whole document, before Piccolo Admin's Vue sees the click.
(() => {
  const KRING_PAGE = "/password";
  const CHANGE = 'a[href*="#/change-password"]';
  const MFA = 'a[href$="api/mfa-setup/"]';
  const away = () => {
    if (/^#\/change-password\b/.test(location.hash)) location.replace(KRING_PAGE);
  };
  document.addEventListener(
    "click",
    (event) => {
      if (!(event.target instanceof Element) || !event.target.closest(CHANGE)) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      location.assign(KRING_PAGE);
    },
    true,
  );
  window.addEventListener("popstate", away);
  window.addEventListener("hashchange", away);
  const hide = () => {
    for (const link of document.querySelectorAll(MFA)) {
      const item = link.closest("li") || link;  // its stylesheet shows an item [hidden] too
      if (item.style.display !== "none") item.style.display = "none";
    }
  };
  new MutationObserver(hide).observe(document.documentElement, { childList: true, subtree: true });
  hide();
  away();
})();
