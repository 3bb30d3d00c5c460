// Applies the saved theme before the first paint so a dark-mode user never sees a light flash.
// A file (not an inline script) so it runs under the server's Content-Security-Policy.
// Same rule as src/lib/theme.ts: 'light' or 'dark' in localStorage, otherwise the system setting.
try {
  var pref = localStorage.getItem('logdeck.theme')
  var dark = pref === 'dark' || (pref !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches)
  document.documentElement.classList.toggle('dark', dark)
  document.documentElement.style.colorScheme = dark ? 'dark' : 'light'
} catch {
  // Storage or matchMedia unavailable: the app applies the theme once it starts.
}
