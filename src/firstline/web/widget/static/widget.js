/* firstline chat widget, dependency-free: <script src="https://host/widget.js" data-language="de" defer></script>
 * Language: data-language, else <html lang>, else the browser's. The conversation id is kept in
 * localStorage (a reload continues it). Message text is only ever set as textContent. */
(() => {
  "use strict";
  const script = document.currentScript;
  if (!script || !window.customElements || customElements.get("firstline-chat")) return;
  const BASE = new URL(script.src, location.href);
  const API = BASE.origin + "/api/v1";
  const KEY = "firstline.conversation@" + BASE.origin;
  const MAX = 4000;
  const SVG = "http://www.w3.org/2000/svg";
  const T = {
    de: {
      launcher: "Chat mit dem Kundenservice", title: "Kundenservice", subtitle: "Digitaler Assistent (KI)",
      close: "Chat schließen", restart: "Neues Gespräch beginnen", log: "Chatverlauf", input: "Ihre Nachricht",
      placeholder: "Nachricht schreiben …", send: "Senden", typing: "Der Assistent schreibt …",
      intro: "Hallo! Ich bin der digitale Assistent – eine KI, kein Mensch. Fragen Sie mich zu Versand, Rückgabe, " +
        "Garantie oder Ihrer Bestellung. Möchten Sie lieber mit einem Menschen sprechen? Sagen Sie es einfach.",
      waiting_for_human: "Eine Kollegin oder ein Kollege übernimmt gleich.",
      with_human: "Sie schreiben jetzt mit unserem Kundenservice.", closed: "Dieses Gespräch ist beendet.",
      source: "Quelle:", suggestions: "Antwortvorschläge", customer: "Sie", agent: "Assistent",
      human: "Kundenservice", unread: "neue Nachricht",
      error: "Die Nachricht konnte nicht gesendet werden. Bitte versuchen Sie es noch einmal.",
      rate: "Sie haben sehr viele Nachrichten geschickt. Bitte warten Sie einen Moment.",
      long: "Die Nachricht ist zu lang (höchstens " + MAX + " Zeichen)."
    },
    en: {
      launcher: "Chat with customer service", title: "Customer service", subtitle: "Digital assistant (AI)",
      close: "Close chat", restart: "Start a new conversation", log: "Chat history", input: "Your message",
      placeholder: "Write a message …", send: "Send", typing: "The assistant is typing …",
      intro: "Hello! I am the digital assistant – an AI, not a person. Ask me about shipping, returns, warranty " +
        "or your order. Would you rather talk to a person? Just say so.",
      waiting_for_human: "A colleague will take over shortly.",
      with_human: "You are now chatting with our customer service team.", closed: "This conversation has ended.",
      source: "Source:", suggestions: "Suggested replies", customer: "You", agent: "Assistant",
      human: "Customer service", unread: "new message",
      error: "The message could not be sent. Please try again.",
      rate: "You have sent a lot of messages. Please wait a moment.",
      long: "The message is too long (at most " + MAX + " characters)."
    }
  };
  const CSS = `
:host{all:initial;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24}
*{box-sizing:border-box}button,input{font:inherit}
:focus-visible{outline:3px solid #1b1f24;outline-offset:2px}
.launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;display:flex;align-items:center;gap:8px;border:0;
border-radius:999px;padding:12px 18px;background:#0b4f9c;color:#fff;font-weight:600;cursor:pointer;box-shadow:0 4px 14px #0004}
.launcher:hover{background:#083a73}.launcher svg{width:20px;height:20px;fill:currentColor}
.dot{display:none;width:10px;height:10px;border-radius:50%;background:#ffd24d}.unread .dot{display:inline-block}
.panel{position:fixed;right:12px;bottom:80px;z-index:2147483000;width:min(380px,calc(100vw - 24px));
height:min(560px,calc(100vh - 110px));display:flex;flex-direction:column;background:#fff;border:1px solid #c4ced9;
border-radius:14px;box-shadow:0 10px 30px #0004;overflow:hidden}
[hidden]{display:none!important}
header{display:flex;align-items:center;gap:6px;padding:10px 12px;background:#0b4f9c;color:#fff}
header div{flex:1}h2{margin:0;font-size:16px}header p{margin:0;font-size:12.5px;color:#e3ecf7}
header button{border:0;background:none;color:#fff;width:34px;height:34px;border-radius:8px;font-size:20px;cursor:pointer}
header button:hover{background:#fff3}header :focus-visible{outline-color:#fff}
.log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px;background:#f7f9fc}
.msg{max-width:85%;margin:0;padding:8px 11px;border-radius:12px;white-space:pre-wrap;overflow-wrap:anywhere;
align-self:flex-start;background:#fff;border:1px solid #d5dde6}
.human{background:#fff6dd;border-color:#e6cf8a}.customer{align-self:flex-end;background:#0b4f9c;color:#fff}
.who{display:block;font-size:12px;font-weight:600;color:#4a5560}.customer .who{color:#e3ecf7}
ul{margin:6px 0 0;padding:6px 0 0;border-top:1px solid #e1e7ee;list-style:none;font-size:13px;white-space:normal}
a{color:#0b4f9c}
.status{margin:0;padding:8px 12px;background:#fff4d6;color:#4d3900;border-top:1px solid #e6cf8a;font-size:14px}
.typing{padding:4px 14px;color:#4a5560;font-size:13px;background:#f7f9fc}
.suggestions{display:flex;flex-wrap:wrap;gap:6px;padding:0 12px 8px;background:#f7f9fc}.suggestions:empty{display:none}
.suggestions button{border:1px solid #0b4f9c;background:#fff;color:#0b4f9c;border-radius:999px;padding:4px 12px;cursor:pointer}
.error{margin:0;padding:8px 12px;background:#fde8e8;color:#7a1616;font-size:14px}
form{display:flex;gap:6px;padding:10px;border-top:1px solid #d5dde6}
input{flex:1;min-width:0;padding:9px 11px;border:1px solid #8a97a6;border-radius:8px;color:#1b1f24}
form button{border:0;border-radius:8px;padding:0 14px;background:#0b4f9c;color:#fff;font-weight:600;cursor:pointer}
form button:disabled{background:#5f6e80;cursor:wait}`;

  const el = (tag, attrs, text) => {
    const node = document.createElement(tag);
    for (const name in attrs || {}) node.setAttribute(name, attrs[name]);
    if (text != null) node.textContent = text;
    return node;
  };
  const newId = () => (crypto.randomUUID ? crypto.randomUUID() : Date.now() + "-" + Math.random().toString(36).slice(2));
  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const safeHref = (url) => {
    try {
      const parsed = new URL(url, BASE);
      return /^https?:$/.test(parsed.protocol) ? parsed.href : null;
    } catch (e) { return null; }
  };
  const store = (value) => {
    try {
      if (value === undefined) return localStorage.getItem(KEY);
      if (value === null) localStorage.removeItem(KEY); else localStorage.setItem(KEY, value);
    } catch (e) { /* storage blocked: the conversation lasts as long as the page */ }
    return null;
  };
  const pickLanguage = () => {
    for (const tag of [script.dataset.language, document.documentElement.lang, navigator.language]) {
      const code = (tag || "").slice(0, 2).toLowerCase();
      if (T[code]) return code;
    }
    return "en";
  };

  class FirstlineChat extends HTMLElement {
    connectedCallback() {
      if (this.ui) return;
      this.lang = pickLanguage();
      this.t = T[this.lang];
      this.cid = store();
      this.sent = new Set();
      this.build();
      if (this.cid) this.restore();
    }

    build() {
      const t = this.t;
      const root = this.attachShadow({ mode: "open" });
      root.append(el("style", {}, CSS));
      const launcher = el("button", { type: "button", class: "launcher", "aria-expanded": "false",
        "aria-controls": "panel", "aria-label": t.launcher });
      const svg = document.createElementNS(SVG, "svg");
      const path = document.createElementNS(SVG, "path");
      svg.setAttribute("viewBox", "0 0 24 24");
      svg.setAttribute("aria-hidden", "true");
      path.setAttribute("d", "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z");
      svg.append(path);
      launcher.append(svg, el("span", { "aria-hidden": "true" }, t.title), el("span", { class: "dot" }));
      const panel = el("section", { id: "panel", class: "panel", role: "dialog", "aria-labelledby": "title", hidden: "" });
      const header = el("header");
      const heading = el("div");
      heading.append(el("h2", { id: "title" }, t.title), el("p", {}, t.subtitle));
      const restart = el("button", { type: "button", "aria-label": t.restart, title: t.restart }, "↺");
      const close = el("button", { type: "button", "aria-label": t.close, title: t.close }, "×");
      header.append(heading, restart, close);
      const log = el("div", { class: "log", role: "log", "aria-live": "polite", "aria-label": t.log, tabindex: "0" });
      const status = el("p", { class: "status", role: "status", hidden: "" });
      const typing = el("div", { class: "typing", hidden: "" }, t.typing);
      const suggestions = el("div", { class: "suggestions", role: "group", "aria-label": t.suggestions });
      const error = el("p", { class: "error", role: "alert", hidden: "" });
      const form = el("form", { novalidate: "" });
      const input = el("input", { type: "text", "aria-label": t.input, placeholder: t.placeholder,
        autocomplete: "off", maxlength: String(MAX) });
      const send = el("button", { type: "submit" }, t.send);
      form.append(input, send);
      panel.append(header, log, status, typing, suggestions, error, form);
      root.append(launcher, panel);
      this.ui = { launcher, panel, log, status, typing, suggestions, error, input, send };
      this.intro();
      launcher.addEventListener("click", () => (panel.hidden ? this.open() : this.close()));
      close.addEventListener("click", () => this.close());
      restart.addEventListener("click", () => this.restart());
      panel.addEventListener("keydown", (event) => {
        if (event.key === "Escape") { event.preventDefault(); this.close(); }
      });
      form.addEventListener("submit", (event) => { event.preventDefault(); this.send(input.value); });
    }

    open() {
      const { panel, launcher, input } = this.ui;
      panel.hidden = false;
      launcher.setAttribute("aria-expanded", "true");
      launcher.classList.remove("unread");
      launcher.setAttribute("aria-label", this.t.launcher);
      this.scroll();
      input.focus();
    }

    close() {
      this.ui.panel.hidden = true;
      this.ui.launcher.setAttribute("aria-expanded", "false");
      this.ui.launcher.focus();
    }

    intro() {
      this.ui.log.textContent = "";
      this.ui.log.append(el("p", { class: "msg" }, this.t.intro));
    }

    scroll() { this.ui.log.scrollTop = this.ui.log.scrollHeight; }

    render(message) {
      const t = this.t;
      const author = ["customer", "human"].includes(message.author) ? message.author : "agent";
      const bubble = el("div", { class: "msg " + author });
      bubble.append(el("span", { class: "who" }, t[author]), el("span", {}, message.text));
      const citations = message.citations || [];
      if (citations.length) {
        const list = el("ul");
        for (const citation of citations) {
          const href = safeHref(citation.url || "/knowledge/" + citation.source);
          const item = el("li", {}, t.source + " ");
          item.append(href ? el("a", { href, target: "_blank", rel: "noopener noreferrer" }, citation.title)
            : el("span", {}, citation.title));
          list.append(item);
        }
        bubble.append(list);
      }
      this.ui.log.append(bubble);
      this.scroll();
      if (author === "human" && this.ui.panel.hidden) {
        this.ui.launcher.classList.add("unread");
        this.ui.launcher.setAttribute("aria-label", t.launcher + " (" + t.unread + ")");
      }
    }

    suggest(buttons) {
      const box = this.ui.suggestions;
      box.textContent = "";
      for (const label of buttons || []) {
        const button = el("button", { type: "button" }, label);
        button.addEventListener("click", () => this.send(label));
        box.append(button);
      }
    }

    setStatus(status) {
      const text = this.t[status];
      this.ui.status.hidden = !text;
      this.ui.status.textContent = text || "";
    }

    setBusy(busy) {
      this.busy = busy;
      this.ui.typing.hidden = !busy;
      this.ui.send.disabled = busy;
      this.ui.log.setAttribute("aria-busy", String(busy));
      this.scroll();
    }

    showError(text) {
      this.ui.error.hidden = !text;
      this.ui.error.textContent = text || "";
    }

    async request(method, path, body) {
      const options = { method, headers: { Accept: "application/json" } };
      if (body !== undefined) {
        options.headers["Content-Type"] = "application/json";
        options.body = JSON.stringify(body);
      }
      const response = await fetch(API + path, options);
      const data = await response.json().catch(() => ({}));
      return { status: response.status, ok: response.ok, data };
    }

    forget() {
      this.cid = null;
      store(null);
      if (this.events) this.events.close();
      this.events = null;
    }

    async conversation() {
      if (this.cid) return this.cid;
      const answer = await this.request("POST", "/conversations", { channel: "web", language: this.lang });
      if (!answer.ok) throw answer;
      this.cid = answer.data.id;
      store(this.cid);
      this.listen();
      return this.cid;
    }

    async post(text, messageId, retried) {
      let answer;
      try {
        const id = await this.conversation();
        answer = await this.request("POST", "/conversations/" + encodeURIComponent(id) + "/messages",
          { text, message_id: messageId });
      } catch (failure) {
        if (failure && failure.status) return failure;
        if (retried) throw failure;
        // A network error: send again with the same message id, the server answers a message only once.
        await pause(800);
        return this.post(text, messageId, true);
      }
      if (retried || (answer.status !== 404 && answer.status !== 503)) return answer;
      if (answer.status === 404) this.forget(); // gone on the server: start a new conversation
      else await pause(1000); // busy: try once more, with the same message id
      return this.post(text, messageId, true);
    }

    async send(raw) {
      const t = this.t;
      const text = (raw || "").trim();
      if (this.busy || !text) return;
      if (text.length > MAX) return this.showError(t.long);
      this.showError("");
      this.ui.input.value = "";
      this.suggest([]);
      const messageId = newId();
      this.sent.add(messageId);
      this.render({ author: "customer", text });
      this.setBusy(true);
      try {
        const answer = await this.post(text, messageId, false);
        if (answer.ok) {
          const replies = answer.data.replies || [];
          for (const reply of replies) this.render({ author: "agent", ...reply });
          this.suggest(replies.length ? replies[replies.length - 1].buttons : []);
          this.setStatus(answer.data.status);
        } else {
          this.showError(answer.status === 429 ? t.rate : answer.status === 413 ? t.long : t.error);
        }
      } catch (e) {
        this.showError(t.error);
      }
      this.setBusy(false);
      if (!this.ui.panel.hidden) this.ui.input.focus();
    }

    async restore() {
      try {
        const answer = await this.request("GET", "/conversations/" + encodeURIComponent(this.cid));
        if (answer.status === 404) return this.forget();
        if (!answer.ok) return;
        this.intro();
        for (const message of answer.data.messages || []) this.render(message);
        this.ui.launcher.classList.remove("unread");
        this.setStatus(answer.data.status);
        this.listen();
      } catch (e) { /* offline: the next reload tries again */ }
    }

    listen() {
      if (!window.EventSource || !this.cid || this.events) return;
      const source = new EventSource(API + "/conversations/" + encodeURIComponent(this.cid) + "/events");
      let connected = false;
      this.events = source;
      // After a reconnect messages may have been missed: read the transcript again.
      source.addEventListener("open", () => { if (connected) this.restore(); connected = true; });
      source.addEventListener("message", (event) => {
        let message;
        try { message = JSON.parse(event.data); } catch (e) { return; }
        // This tab's own messages and their replies are already shown from the POST answer.
        if (this.sent.has(message.message_id) || this.sent.has(message.reply_to)) return;
        this.render(message);
        if (message.buttons && message.buttons.length) this.suggest(message.buttons);
      });
      source.addEventListener("status", (event) => {
        try { this.setStatus(JSON.parse(event.data).status); } catch (e) { /* a broken event */ }
      });
    }

    restart() {
      this.forget();
      this.sent.clear();
      this.intro();
      this.suggest([]);
      this.setStatus("bot");
      this.showError("");
      this.ui.input.focus();
    }
  }

  customElements.define("firstline-chat", FirstlineChat);
  const mount = () => {
    if (!document.querySelector("firstline-chat")) document.body.append(document.createElement("firstline-chat"));
  };
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
