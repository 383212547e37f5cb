import type { OutboxMessage } from './outbox';
import { formatPhoneNumber, SANDBOX_CODE, SANDBOX_PHONE_NUMBER } from './phone';

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
.stale { opacity: .6; }
.stale .code { color: var(--muted); text-decoration: line-through; }
.state { font-weight: 600; }
.back { display: inline-block; margin-bottom: 1rem; color: var(--accent); }
a { color: var(--accent); }
.copy {
  font: inherit; font-size: .875rem; min-height: 2.75rem; padding: .25rem .875rem; cursor: pointer;
  color: var(--text); background: var(--card); border: 1px solid var(--line); border-radius: .5rem;
}
code { font-family: ui-monospace, Menlo, monospace; }
`;

// Writes the times in the viewer's zone, copies a code on its button, and swaps in the freshly rendered list every
// 2 s. It skips a beat while text is selected, so a code being copied does not vanish, and keeps the last list if
// the emulator has stopped.
const SCRIPT = `
const clock = { hour: 'numeric', minute: '2-digit', second: '2-digit', timeZoneName: 'short' };
const localTimes = () => document.querySelectorAll('time[datetime]').forEach((time) => {
  time.textContent = new Date(time.dateTime).toLocaleTimeString([], clock);
});
let shown = document.getElementById('inbox').innerHTML;
localTimes();
document.addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-code]');
  if (!button) return;
  await navigator.clipboard.writeText(button.dataset.code).then(() => { button.textContent = 'Copied'; }, () => {});
});
setInterval(async () => {
  if (document.hidden || String(getSelection())) return;
  try {
    const response = await fetch(location.href, { cache: 'no-store' });
    const next = new DOMParser().parseFromString(await response.text(), 'text/html').getElementById('inbox');
    const current = document.getElementById('inbox');
    if (next && current && next.innerHTML !== shown) {
      shown = next.innerHTML;
      current.innerHTML = next.innerHTML;
      localTimes();
    }
  } catch {}
}, 2000);
`;

/** What the page needs besides the texts: where the app is, and which codes were signed in with. */
type InboxContext = { appUrl: string; isUsed(message: OutboxMessage): boolean };

/** The "phone" screen: every text the emulator sent, newest first. */
export function renderInboxPage(messages: readonly OutboxMessage[], now: Date, context: InboxContext): string {
  const items = messages.map((message, index) => renderMessage(message, stateOf(messages, index, now, context)));
  const app = escapeHtml(context.appUrl);
  const list =
    messages.length === 0
      ? `<p>No texts yet. Sign in at <a href="${app}">${app}</a> and your code will show up here.</p>
         <p>The test number <code>${SANDBOX_PHONE_NUMBER}</code> never gets a text: its code is always
         <code>${SANDBOX_CODE}</code>.</p>`
      : `<ol>${items.join('')}</ol>`;
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
<a class="back" href="${app}">← Back to the app</a>
<h1>SMS inbox</h1>
<p>Texts sent by the local Stytch emulator, newest first. This page updates itself.</p>
<div id="inbox" aria-live="polite">${list}</div>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

type CodeState = 'live' | 'used' | 'replaced' | 'expired';

const DEAD_LABELS: Record<Exclude<CodeState, 'live'>, string> = {
  used: 'used to sign in',
  replaced: 'replaced by a newer code',
  expired: 'expired',
};

// A newer text to the same number supersedes a code (the list is newest first).
function stateOf(messages: readonly OutboxMessage[], index: number, now: Date, context: InboxContext): CodeState {
  const message = messages[index]!;
  if (context.isUsed(message)) return 'used';
  if (messages.slice(0, index).some((newer) => newer.phone_number === message.phone_number)) return 'replaced';
  return new Date(message.expires_at) <= now ? 'expired' : 'live';
}

function renderMessage(message: OutboxMessage, state: CodeState): string {
  const validity =
    state === 'live'
      ? `valid until ${renderTime(message.expires_at)}`
      : `<span class="state">${DEAD_LABELS[state]}</span>`;
  const code = escapeHtml(message.code);
  const copy = state === 'live' ? `<button type="button" class="copy" data-code="${code}">Copy code</button>` : '';
  const lang = escapeHtml(message.locale ?? 'en');
  const to = `<span class="to">${escapeHtml(formatPhoneNumber(message.phone_number))}</span>`;
  const locale = `<span class="locale" title="locale">${message.locale === null ? 'en (default)' : lang}</span>`;
  return `<li${state === 'live' ? '' : ' class="stale"'}>
<div class="row"><span>${to}${locale}</span>${renderTime(message.sent_at)}</div>
<div class="code">${code}</div>
<div class="row"><span lang="${lang}" dir="auto">${escapeHtml(message.body)}</span><span>${validity}</span></div>
${copy}
</li>`;
}

function renderTime(iso: string): string {
  return `<time datetime="${escapeHtml(iso)}">${clockTime(iso)}</time>`;
}

// In UTC until the page's script writes it in the viewer's zone.
function clockTime(iso: string): string {
  return `${new Date(iso).toLocaleTimeString('en-GB', { hour12: false, timeZone: 'UTC' })} UTC`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
