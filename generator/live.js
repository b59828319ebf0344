/* Live reload for `explainer serve`. The server adds this script to the pages it serves; it is
   never part of a built site. It listens to /__explainer/events (same origin, nothing else):
   "ready" (the current build, on connect), "reload" (a newer build), "error" (the diagnostics
   of a failed build, shown over the last good page until the next good build). */
(function () {
  "use strict";
  if (!window.EventSource) return;

  var root = document.documentElement;
  var pageBuild = null; // the build this page came from, told by the server in Server-Timing
  var nav = window.performance && performance.getEntriesByType
    ? performance.getEntriesByType("navigation")[0] : null;
  if (nav && nav.serverTiming) {
    nav.serverTiming.forEach(function (entry) {
      if (entry.name === "explainer-build") pageBuild = entry.description;
    });
  }

  var host = null;
  var returnFocus = null;

  var STYLE = [
    ":host { all: initial; }",
    ".panel { position: fixed; inset: 0 0 auto 0; z-index: 2147483647; max-height: 75vh;",
    "  overflow: auto; box-sizing: border-box; padding: 1rem 1.25rem;",
    "  font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;",
    "  color: #1b1b1b; background: #fff4f2; border-bottom: 4px solid #b3261e;",
    "  box-shadow: 0 4px 16px rgba(0, 0, 0, .25); }",
    "h2 { margin: 0 0 .25rem; font-size: 1.15rem; color: #8c1d18; }",
    "p { margin: 0 0 .75rem; }",
    "pre { margin: 0 0 .75rem; padding: .75rem; overflow: auto; white-space: pre-wrap;",
    "  font: 14px/1.45 ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace;",
    "  background: #fff; color: #1b1b1b; border: 1px solid #e0b4b0; border-radius: 4px; }",
    "button { font: inherit; padding: .3rem .9rem; cursor: pointer; color: #fff;",
    "  background: #8c1d18; border: 2px solid #8c1d18; border-radius: 4px; }",
    "button:focus-visible { outline: 3px solid #1b1b1b; outline-offset: 2px; }",
    "@media (prefers-color-scheme: dark) {",
    "  .panel { color: #f2e7e6; background: #2a1514; border-bottom-color: #f2b8b5; }",
    "  h2 { color: #f2b8b5; }",
    "  pre { color: #f2e7e6; background: #1b1b1b; border-color: #6b3a37; }",
    "  button { color: #1b1b1b; background: #f2b8b5; border-color: #f2b8b5; }",
    "  button:focus-visible { outline-color: #fff; } }",
    "@media print { .panel { display: none; } }"
  ].join("\n");

  function element(name, text) {
    var node = document.createElement(name);
    if (text) node.textContent = text;
    return node;
  }

  function dismiss() {
    if (!host) return;
    host.remove();
    host = null;
    document.removeEventListener("keydown", onKey, true);
    if (returnFocus && returnFocus.focus) returnFocus.focus({ preventScroll: true });
    returnFocus = null;
  }

  function onKey(event) {
    if (event.key === "Escape") dismiss();
  }

  function showProblems(text) {
    dismiss();
    host = element("div");
    host.id = "explainer-live-overlay";
    var shadow = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
    var panel = element("div");
    panel.className = "panel";
    panel.setAttribute("role", "alertdialog");
    panel.setAttribute("aria-modal", "false");
    panel.setAttribute("aria-labelledby", "explainer-live-title");
    panel.setAttribute("aria-describedby", "explainer-live-note explainer-live-text");
    var title = element("h2", "The site did not build");
    title.id = "explainer-live-title";
    var note = element("p", "This page shows the last good build. Fix the problem below and "
      + "save: the page reloads by itself.");
    note.id = "explainer-live-note";
    var pre = element("pre", text);
    pre.id = "explainer-live-text";
    pre.tabIndex = 0; // long output scrolls with the keyboard
    var close = element("button", "Dismiss");
    close.type = "button";
    close.addEventListener("click", dismiss);
    panel.append(title, note, pre, close);
    shadow.append(element("style", STYLE), panel);
    (document.body || root).append(host);
    document.addEventListener("keydown", onKey, true);
    returnFocus = document.activeElement;
    close.focus({ preventScroll: true });
  }

  function reloadIfNewer(build) {
    if (pageBuild !== null && build === pageBuild) return;
    window.location.reload();
  }

  var events = new EventSource("/__explainer/events");
  events.addEventListener("open", function () {
    root.setAttribute("data-explainer-live", "connected");
  });
  events.addEventListener("ready", function (event) {
    if (pageBuild === null) pageBuild = event.data; // a browser without Server-Timing
    else reloadIfNewer(event.data); // e.g. the server was restarted with other content
  });
  events.addEventListener("reload", function (event) {
    reloadIfNewer(event.data);
  });
  events.addEventListener("error", function (event) {
    // EventSource also fires "error" (with no data) when the connection drops; it reconnects
    // by itself and the server then sends the current state again.
    if (typeof event.data === "string") showProblems(event.data);
    else root.setAttribute("data-explainer-live", "reconnecting");
  });
})();
