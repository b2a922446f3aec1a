// Runs before textual.js starts the terminal (DOMContentLoaded comes before load): point it
// at this server's WebSocket for the page's app (wss behind a TLS proxy), and choose a font
// size the width can hold (about 48 columns on a 390 px phone, 100+ on a laptop).
document.addEventListener("DOMContentLoaded", () => {
  const terminal = document.getElementById("terminal");
  const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  terminal.dataset.sessionWebsocketUrl =
    `${scheme}//${window.location.host}/ws/${document.body.dataset.app}`;
  const width = window.innerWidth;
  terminal.dataset.fontSize = String(width < 480 ? 13 : width < 900 ? 14 : 16);
});
