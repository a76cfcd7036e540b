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

// "Copy" buttons of the Cite box: shown only where the script runs and the clipboard exists.
document.querySelectorAll("button[data-copy]").forEach((button) => {
  if (navigator.clipboard) button.hidden = false;
});
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button || !navigator.clipboard) return;
  const source = document.getElementById(button.dataset.copy);
  const status = button.closest("section")?.querySelector(".copy-status");
  navigator.clipboard.writeText(source.textContent.trim()).then(() => {
    if (status) status.textContent = "Citation copied.";
  }, () => {
    if (status) status.textContent = "Could not copy: select the text instead.";
  });
});
