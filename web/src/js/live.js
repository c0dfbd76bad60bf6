// The page's two live regions (in index.html): polite for news, assertive for errors.

export function announce(text, { assertive = false } = {}) {
  const el = document.getElementById(assertive ? 'live-assertive' : 'live-polite');
  if (!el) return;
  el.textContent = '';
  // A fresh text node after a tick is announced even when the text repeats.
  setTimeout(() => {
    el.textContent = text;
  }, 50);
}
