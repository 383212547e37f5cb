import type { OutboxMessage } from './outbox';
import { SANDBOX_CODE, SANDBOX_PHONE_NUMBER } from './phone';

const STYLE = `
:root {
  color-scheme: light dark;
  --bg: #f5f6f8; --card: #fff; --text: #111827; --muted: #5b6472; --accent: #1d4ed8; --line: #e3e6eb;
}
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --card: #161b22; --text: #e6edf3; --muted: #9aa4b2; --accent: #8ab4ff; --line: #2a313c; }
}
* { box-sizing: border-box; }
body {
  margin: 0;
  background: var(--bg);
  color: var(--text);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif;
}
main { max-width: 34rem; margin: 0 auto; padding: 1.25rem 1rem 3rem; }
h1 { font-size: 1.25rem; margin: 0 0 .25rem; }
p { margin: 0 0 1rem; color: var(--muted); }
ol { list-style: none; margin: 0; padding: 0; display: grid; gap: .75rem; }
li { background: var(--card); border: 1px solid var(--line); border-radius: .75rem; padding: .875rem 1rem; }
.row {
  display: flex; justify-content: space-between; gap: .5rem; flex-wrap: wrap;
  font-size: .875rem; color: var(--muted);
}
.to { color: var(--text); font-weight: 600; }
.locale { margin-left: .5rem; padding: 0 .375rem; border: 1px solid var(--line); border-radius: .375rem; }
.code {
  margin: .25rem 0;
  color: var(--accent);
  font: 700 2.25rem/1.2 ui-monospace, "SF Mono", Menlo, monospace;
  letter-spacing: .12em;
  user-select: all;
}
.stale .code { color: var(--muted); text-decoration: line-through; }
code { font-family: ui-monospace, Menlo, monospace; }
`;

// Swaps in the freshly rendered list every 2 s. It skips a beat while text is selected, so a code being copied
// does not vanish, and keeps the last list if the emulator has stopped.
const SCRIPT = `
setInterval(async () => {
  if (document.hidden || String(getSelection())) return;
  try {
    const response = await fetch(location.href, { cache: 'no-store' });
    const next = new DOMParser().parseFromString(await response.text(), 'text/html').getElementById('inbox');
    const current = document.getElementById('inbox');
    if (next && current && next.innerHTML !== current.innerHTML) current.innerHTML = next.innerHTML;
  } catch {}
}, 2000);
`;

/** The "phone" screen: every text the emulator sent, newest first. */
export function renderInboxPage(messages: readonly OutboxMessage[], now: Date): string {
  const items = messages.map((message, index) => renderMessage(message, isReplaced(messages, index), now)).join('');
  const list =
    messages.length === 0
      ? `<p>No messages yet. Ask for a code in the app (or call <code>POST /v1/otps/sms/login_or_create</code>) and
         it shows up here within two seconds. The sandbox number <code>${SANDBOX_PHONE_NUMBER}</code> never gets a
         text: sign it in with <code>${SANDBOX_CODE}</code>.</p>`
      : `<ol>${items}</ol>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SMS inbox · Stytch emulator</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>SMS inbox</h1>
<p>Texts sent by the local Stytch emulator, newest first. This page updates itself.</p>
<div id="inbox" aria-live="polite">${list}</div>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

/** A newer text to the same number means this code was superseded (the list is newest first). */
function isReplaced(messages: readonly OutboxMessage[], index: number): boolean {
  const phoneNumber = messages[index]?.phone_number;
  return messages.slice(0, index).some((newer) => newer.phone_number === phoneNumber);
}

function renderMessage(message: OutboxMessage, replaced: boolean, now: Date): string {
  const expired = new Date(message.expires_at) <= now;
  const validity = replaced
    ? 'replaced by a newer code'
    : expired
      ? 'expired'
      : `valid until ${clockTime(message.expires_at)}`;
  const lang = escapeHtml(message.locale ?? 'en');
  const to = `<span class="to">${escapeHtml(message.phone_number)}</span>`;
  const locale = `<span class="locale" title="locale">${message.locale === null ? 'en (default)' : lang}</span>`;
  return `<li${replaced || expired ? ' class="stale"' : ''}>
<div class="row"><span>${to}${locale}</span>${renderTime(message.sent_at)}</div>
<div class="code">${escapeHtml(message.code)}</div>
<div class="row"><span lang="${lang}" dir="auto">${escapeHtml(message.body)}</span><span>${validity}</span></div>
</li>`;
}

function renderTime(iso: string): string {
  return `<time datetime="${escapeHtml(iso)}">${clockTime(iso)}</time>`;
}

/** 24-hour wall-clock time in the emulator's own time zone, which is the developer's. */
function clockTime(iso: string): string {
  return new Date(iso).toLocaleTimeString('en-GB', { hour12: false });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
