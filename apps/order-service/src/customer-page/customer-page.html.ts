import { escapeHtml, type Language, phrasebookOf } from '@ot/domain';

/** What the page's script needs, in both languages, from the one phrasebook of each (no second wording). */
function wordsOf(language: Language) {
  const book = phrasebookOf(language);
  return { locale: book.locale, page: book.page, milestones: book.milestones, actions: book.actions, reasons: book.delayReasons };
}
const WORDS = JSON.stringify({ en: wordsOf('en'), ru: wordsOf('ru') });

/** The page's start: which order, with which link token, in which language, and the action a message's button asked for. */
export type PageBoot = Readonly<{ orderId: string; token: string; language: Language; action?: string }>;

/** JSON inside <script type="application/json">: "</" must not close the element. */
const inert = (json: string): string => json.replace(/</g, '\\u003c');

/**
 * The customer page's shell: data blocks (not scripts, so the CSP allows no inline code) and the
 * page's own script and style from /t/assets. The script fills it from the order's API routes.
 */
export function customerPageHtml(boot: PageBoot): string {
  const { page } = phrasebookOf(boot.language);
  return `<!doctype html>
<html lang="${boot.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(page.title)}</title>
<link rel="stylesheet" href="/t/assets/customer-page.css">
</head>
<body>
<header><h1 id="title">${escapeHtml(page.title)}</h1>
<nav id="languages"><button type="button" data-lang="ru" lang="ru">RU</button><button type="button" data-lang="en" lang="en">EN</button></nav></header>
<main>
<p id="summary" aria-live="polite"></p>
<section id="expected-section"><h2 data-label="expected"></h2><p id="expected"></p></section>
<section id="reason-section" hidden><h2 data-label="reason"></h2><p id="reason"></p></section>
<section id="actions-section"><h2 data-label="actions"></h2><div id="actions"></div><div id="confirm" hidden></div><p id="outcome" role="status"></p></section>
<section><h2 data-label="timeline"></h2><ol id="timeline"></ol></section>
</main>
<script type="application/json" id="words">${inert(WORDS)}</script>
<script type="application/json" id="boot">${inert(JSON.stringify(boot))}</script>
<script src="/t/assets/customer-page.js"></script>
</body>
</html>`;
}

/** A refused link: said in the language the browser asks for, with nothing about any order. */
export function expiredLinkHtml(language: Language): string {
  const { page } = phrasebookOf(language);
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(page.title)}</title><link rel="stylesheet" href="/t/assets/customer-page.css"></head><body><main><p id="expired">${escapeHtml(page.linkExpired)}</p></main></body></html>`;
}
