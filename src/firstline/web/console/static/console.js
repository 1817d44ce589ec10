/* firstline console: live updates without reloading, no dependencies, no build step.
 * A page region with data-live-url is fetched again (server-rendered HTML) whenever
 * /console/events reports a message or status change; with data-conversation only for that
 * conversation. Text typed into the region's fields survives the refresh. */
(() => {
  "use strict";
  const region = document.getElementById("live");
  if (!region || !window.EventSource) return;
  const indicator = document.getElementById("live-state");
  let timer = null;
  let running = false;
  let again = false;

  const keep = () => {
    const values = {};
    for (const field of region.querySelectorAll("textarea[name], input[name]:not([type=hidden])")) {
      values[field.form ? field.form.getAttribute("action") + "#" + field.name : field.name] = field.value;
    }
    const active = document.activeElement;
    const focused = active && region.contains(active) && active.name && active.form
      ? active.form.getAttribute("action") + "#" + active.name : null;
    return { values, focused };
  };

  const restore = (saved) => {
    for (const field of region.querySelectorAll("textarea[name], input[name]:not([type=hidden])")) {
      const key = field.form ? field.form.getAttribute("action") + "#" + field.name : field.name;
      if (saved.values[key]) field.value = saved.values[key];
      if (key === saved.focused) field.focus();
    }
  };

  const refresh = async () => {
    if (running) { again = true; return; }
    running = true;
    try {
      const response = await fetch(region.dataset.liveUrl, { credentials: "same-origin", headers: { Accept: "text/html" } });
      if (response.redirected || response.status === 401) { location.reload(); return; }
      if (response.ok) {
        const html = await response.text();
        const saved = keep();
        region.innerHTML = html; // our own server's template output, escaped by Jinja
        restore(saved);
        region.dispatchEvent(new CustomEvent("console:updated", { bubbles: true }));
      }
    } catch (e) { /* offline for a moment: the next event tries again */ }
    running = false;
    if (again) { again = false; schedule(); }
  };

  const schedule = () => { clearTimeout(timer); timer = setTimeout(refresh, 120); };

  const source = new EventSource("/console/events");
  let connected = false;
  source.addEventListener("open", () => {
    document.documentElement.dataset.live = "connected";
    if (indicator) indicator.classList.add("connected");
    if (connected) schedule(); // after a reconnect events may have been missed
    connected = true;
  });
  const onEvent = (event) => {
    let data;
    try { data = JSON.parse(event.data); } catch (e) { return; }
    const wanted = region.dataset.conversation;
    if (!wanted || data.conversation_id === wanted) schedule();
  };
  source.addEventListener("message", onEvent);
  source.addEventListener("status", onEvent);
})();
