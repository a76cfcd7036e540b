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

// A long record is shown a page at a time: an old link to a statement of another page
// ("#s250" on the first) goes to the page that holds it. Without JavaScript, the record's
// "Go to statement" form does the same.
(() => {
  const transcript = document.querySelector("ol.transcript[data-per-page]");
  const match = /^#s(\d+)$/.exec(window.location.hash);
  if (!transcript || !match || document.getElementById(`s${match[1]}`)) return;
  const page = Math.floor((Number(match[1]) - 1) / Number(transcript.dataset.perPage)) + 1;
  if (page === Number(transcript.dataset.page)) return;
  const url = new URL(window.location.href);
  url.searchParams.set("page", String(page));
  window.location.replace(url.href);
})();
