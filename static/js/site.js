// Copy a statement's link to the clipboard; without JavaScript the link still works.
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-copy-link]");
  if (!link || !navigator.clipboard) return;
  const url = new URL(link.getAttribute("href"), window.location.href).href;
  navigator.clipboard.writeText(url).then(() => {
    link.textContent = "Link copied";
    link.setAttribute("aria-live", "polite");
  }, () => {});
});
