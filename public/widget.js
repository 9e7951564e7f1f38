/*
 * Bouncer web-chat widget loader. Put on the host page:
 *
 *   <script src="https://helpdesk.example.com/widget.js" data-tenant="TENANT_ID" async></script>
 *
 * For a signed-in user add data-user="<your user id>" and data-signature="<hex HMAC-SHA256 of that id
 * with the tenant's widget secret>" (computed on your server, never in the browser), and optionally
 * data-name="<display name>". Or set window.BouncerWidget = { tenant, user, signature, name } first.
 * It adds a launcher button and opens the chat (/widget?tenant=…) in an iframe.
 */
(function () {
  "use strict";
  if (window.__bouncerWidgetLoaded) return;
  window.__bouncerWidgetLoaded = true;

  var script = document.currentScript || document.querySelector("script[src*='widget.js'][data-tenant]");
  var config = window.BouncerWidget || {};
  var data = (script && script.dataset) || {};
  var tenant = config.tenant || data.tenant;
  if (!tenant) {
    console.error("[bouncer] widget.js needs data-tenant (or window.BouncerWidget.tenant).");
    return;
  }
  var origin = script && script.src ? new URL(script.src, location.href).origin : location.origin;
  var params = new URLSearchParams({ tenant: tenant, embed: "1" });
  var user = config.user || data.user;
  var signature = config.signature || data.signature;
  var name = config.name || data.name;
  if (user && signature) {
    params.set("user", user);
    params.set("signature", signature);
    if (name) params.set("name", name);
  }
  var color = config.color || data.color || "#4f46e5";

  var style = document.createElement("style");
  style.textContent =
    ".bouncer-launcher{position:fixed;right:20px;bottom:20px;z-index:2147483646;" +
    "width:56px;height:56px;border-radius:50%;border:0;" +
    "background:" +
    color +
    ";color:#fff;box-shadow:0 6px 20px rgba(15,23,42,.25);cursor:pointer;" +
    "display:flex;align-items:center;justify-content:center}" +
    ".bouncer-launcher:focus-visible{outline:3px solid " +
    color +
    ";outline-offset:3px}" +
    ".bouncer-frame{position:fixed;right:20px;bottom:88px;z-index:2147483647;" +
    "width:380px;height:min(620px,calc(100vh - 112px));border:0;" +
    "border-radius:16px;box-shadow:0 12px 40px rgba(15,23,42,.28);background:#fff;display:none}" +
    ".bouncer-frame.bouncer-open{display:block}" +
    "@media (max-width:480px){.bouncer-frame{right:0;bottom:0;width:100vw;height:100dvh;border-radius:0}" +
    ".bouncer-launcher.bouncer-hidden{display:none}}";
  document.head.appendChild(style);

  var chatIcon =
    '<svg viewBox="0 0 24 24" width="26" height="26" fill="none" stroke="currentColor" stroke-width="2" ' +
    'stroke-linejoin="round" aria-hidden="true">' +
    '<path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z"/></svg>';
  var closeIcon =
    '<svg viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="2" ' +
    'stroke-linecap="round" aria-hidden="true">' +
    '<path d="M6 6l12 12M18 6 6 18"/></svg>';

  var launcher = document.createElement("button");
  launcher.type = "button";
  launcher.className = "bouncer-launcher";
  launcher.setAttribute("aria-label", "Open chat");
  launcher.setAttribute("aria-expanded", "false");
  launcher.innerHTML = chatIcon;

  var frame = null;
  function open() {
    if (!frame) {
      frame = document.createElement("iframe");
      frame.className = "bouncer-frame";
      frame.title = "Chat";
      frame.src = origin + "/widget?" + params.toString();
      frame.setAttribute("allow", "clipboard-write");
      document.body.appendChild(frame);
    }
    frame.classList.add("bouncer-open");
    launcher.classList.add("bouncer-hidden");
    launcher.innerHTML = closeIcon;
    launcher.setAttribute("aria-label", "Close chat");
    launcher.setAttribute("aria-expanded", "true");
    frame.focus();
  }
  function close() {
    if (frame) frame.classList.remove("bouncer-open");
    launcher.classList.remove("bouncer-hidden");
    launcher.innerHTML = chatIcon;
    launcher.setAttribute("aria-label", "Open chat");
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
  }
  launcher.addEventListener("click", function () {
    if (frame && frame.classList.contains("bouncer-open")) close();
    else open();
  });
  window.addEventListener("message", function (event) {
    if (event.origin === origin && event.data && event.data.type === "bouncer:close") close();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && frame && frame.classList.contains("bouncer-open")) close();
  });

  function mount() {
    document.body.appendChild(launcher);
  }
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
  window.BouncerWidget = Object.assign(config, { open: open, close: close });
})();
