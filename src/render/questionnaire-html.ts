/**
 * The questionnaire as one self-contained HTML file: it opens from the disk in any browser, works offline
 * (nothing is fetched: the page's own policy forbids it), keeps a draft in the browser as the respondent
 * types, and saves the answers as a JSON file that `relm questionnaire import` reads. No server.
 */
import { ANSWER_WORDS, QUESTIONNAIRE_FORMAT, QUESTIONNAIRE_VERSION } from '../engagement/responses-format.js';
import { escapeXml as esc } from './charts/svg.js';
import { firstSentence, forLine, HOW_TO_ANSWER, SCALE_WORDS, type QuestionnaireSpec } from './questionnaire.js';

/** JSON inside a <script> element: `<` escaped so that no text can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const CSS = `
:root { --ink: #1c2733; --muted: #5b6b7b; --line: #d5dde5; --accent: #1f3a5f; --input: #fff8e1; --ok: #2e7d32; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0; background: #f4f6f8; }
header, main { max-width: 980px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 24px; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.3em; margin: 32px 0 8px; color: var(--accent); }
.sub { color: var(--muted); margin: 0 0 16px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 14px 18px; margin: 12px 0; }
.who { display: grid; grid-template-columns: 180px 1fr; gap: 8px 12px; align-items: center; }
.who input { font: inherit; padding: 6px 8px; border: 1px solid var(--line); border-radius: 4px; background: var(--input); }
table.scale { border-collapse: collapse; margin-top: 8px; }
table.scale td, table.scale th { border: 1px solid var(--line); padding: 4px 10px; text-align: left; vertical-align: top; }
.bar { position: sticky; top: 0; z-index: 2; background: var(--accent); color: #fff; padding: 10px 20px; display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
.bar .progress { flex: 1; }
.bar button, .bar label.button { font: inherit; background: #fff; color: var(--accent); border: 0; border-radius: 4px; padding: 6px 14px; cursor: pointer; }
.bar .status { font-size: 0.9em; opacity: 0.9; }
fieldset.practice { border: 1px solid var(--line); border-radius: 6px; background: #fff; margin: 14px 0; padding: 6px 18px 12px; }
fieldset.practice legend { font-weight: 600; padding: 0 6px; }
.desc { color: var(--muted); margin: 0 0 8px; }
.criterion { border-top: 1px solid var(--line); padding: 10px 0; }
.criterion:first-of-type { border-top: 0; }
.statement { margin: 0 0 6px; }
.level { display: inline-block; min-width: 2.6em; font-size: 0.8em; font-weight: 600; color: #fff; background: var(--accent); border-radius: 3px; padding: 1px 6px; margin-right: 6px; text-align: center; }
.answers { display: flex; flex-wrap: wrap; gap: 4px 14px; }
.answers label { cursor: pointer; white-space: nowrap; }
.answers button.clear { font: inherit; font-size: 0.85em; color: var(--muted); background: none; border: 0; text-decoration: underline; cursor: pointer; }
.more { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; margin-top: 6px; }
.more textarea { font: inherit; width: 100%; min-height: 2.4em; padding: 4px 6px; border: 1px solid var(--line); border-radius: 4px; background: var(--input); resize: vertical; }
.criterion.answered .statement::after { content: " ✓"; color: var(--ok); }
.id { color: var(--muted); font-size: 0.8em; white-space: nowrap; }
@media print { .bar { display: none; } body { background: #fff; } fieldset.practice { break-inside: avoid; } }
`;

/** The page's script: collects the answers, saves them as a JSON file, reopens a saved file, keeps a draft. */
const SCRIPT = `
(function () {
  var meta = JSON.parse(document.getElementById('relm-meta').textContent);
  var form = document.getElementById('questionnaire');
  var status = document.getElementById('status');
  var draftKey = 'relm-questionnaire:' + meta.client + ':' + meta.model.id + ':' + (meta.for ? meta.for.name : '');
  var criteria = Array.prototype.slice.call(document.querySelectorAll('.criterion'));
  function field(name) { return form.elements.namedItem(name); }
  function checked(id) {
    var r = form.querySelector('input[name="a:' + CSS.escape(id) + '"]:checked');
    return r ? r.value : '';
  }
  function collect() {
    var answers = {};
    criteria.forEach(function (div) {
      var id = div.getAttribute('data-criterion');
      var answer = checked(id);
      var notes = field('n:' + id).value.trim();
      var evidence = field('e:' + id).value.trim();
      if (answer || notes || evidence) answers[id] = { answer: answer || null, notes: notes, evidence: evidence };
    });
    return {
      format: meta.format, version: meta.version, client: meta.client, model: meta.model, practices: meta.practices,
      respondent: { name: field('respondent-name').value.trim(), role: field('respondent-role').value.trim() },
      date: field('respondent-date').value.trim(),
      answers: answers
    };
  }
  function fill(doc) {
    if (!doc || doc.format !== meta.format) throw new Error('this is not a saved relm questionnaire');
    if (doc.respondent) { field('respondent-name').value = doc.respondent.name || ''; field('respondent-role').value = doc.respondent.role || ''; }
    if (doc.date) field('respondent-date').value = doc.date;
    criteria.forEach(function (div) {
      var id = div.getAttribute('data-criterion');
      var a = (doc.answers || {})[id];
      if (typeof a === 'string' || a === null || a === undefined) a = { answer: a };
      form.querySelectorAll('input[name="a:' + CSS.escape(id) + '"]').forEach(function (r) { r.checked = r.value === a.answer; });
      field('n:' + id).value = a.notes || '';
      field('e:' + id).value = a.evidence || '';
    });
    update();
  }
  function update() {
    var n = 0;
    criteria.forEach(function (div) {
      var done = !!checked(div.getAttribute('data-criterion'));
      div.classList.toggle('answered', done);
      if (done) n++;
    });
    document.getElementById('progress').textContent = n + ' of ' + criteria.length + ' statements answered';
  }
  function saveDraft() {
    try { localStorage.setItem(draftKey, JSON.stringify(collect())); } catch (e) { /* storage may be off for files: the Save button still works */ }
  }
  function slug(s) { return (s || 'respondent').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'respondent'; }
  document.getElementById('save').addEventListener('click', function () {
    var doc = collect();
    if (!doc.respondent.name) {
      status.textContent = 'Fill in your name first.';
      field('respondent-name').focus();
      return;
    }
    if (doc.date && !/^\\d{4}-\\d{2}-\\d{2}$/.test(doc.date)) {
      status.textContent = 'Write the date as YYYY-MM-DD.';
      field('respondent-date').focus();
      return;
    }
    var blob = new Blob([JSON.stringify(doc, null, 2) + '\\n'], { type: 'application/json' });
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'answers-' + slug(doc.respondent.name) + '.json';
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    status.textContent = 'Saved ' + a.download + ': send this file back.';
  });
  document.getElementById('open').addEventListener('change', function (ev) {
    var file = ev.target.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      try { fill(JSON.parse(reader.result)); saveDraft(); status.textContent = 'Opened ' + file.name + '.'; }
      catch (e) { status.textContent = 'Cannot open ' + file.name + ': ' + e.message; }
    };
    reader.readAsText(file);
    ev.target.value = '';
  });
  form.addEventListener('change', function () { update(); saveDraft(); });
  form.addEventListener('input', saveDraft);
  form.addEventListener('click', function (ev) {
    var t = ev.target;
    if (t.classList && t.classList.contains('clear')) {
      ev.preventDefault();
      form.querySelectorAll('input[name="a:' + CSS.escape(t.getAttribute('data-for')) + '"]').forEach(function (r) { r.checked = false; });
      update();
      saveDraft();
    }
  });
  try { var draft = localStorage.getItem(draftKey); if (draft) { fill(JSON.parse(draft)); status.textContent = 'Your draft is back: carry on where you left off.'; } } catch (e) { /* no draft */ }
  update();
})();
`;

/** The questionnaire form as a single HTML document. */
export function questionnaireHtml(spec: QuestionnaireSpec): string {
  const total = spec.perspectives.reduce((n, k) => n + k.practices.reduce((m, p) => m + p.criteria.length, 0), 0);
  const meta = {
    format: QUESTIONNAIRE_FORMAT,
    version: QUESTIONNAIRE_VERSION,
    client: spec.client,
    model: { id: spec.model.id, version: spec.model.version },
    practices: spec.perspectives.flatMap((k) => k.practices.map((p) => p.id)),
    for: spec.for,
  };
  const criterion = (c: QuestionnaireSpec['perspectives'][number]['practices'][number]['criteria'][number]) => `
      <div class="criterion" data-criterion="${esc(c.id)}">
        <p class="statement"><span class="level">L${c.level}</span>${esc(c.text)} <span class="id">${esc(c.id)}</span></p>
        <div class="answers" role="radiogroup" aria-label="${esc(c.text)}">
          ${SCALE_WORDS.map((s) => `<label title="${esc(s.meaning)}"><input type="radio" name="a:${esc(c.id)}" value="${esc(s.value)}"> ${esc(s.word)}</label>`).join('\n          ')}
          <button type="button" class="clear" data-for="${esc(c.id)}">clear</button>
        </div>
        <div class="more">
          <textarea name="n:${esc(c.id)}" placeholder="Notes" aria-label="Notes"></textarea>
          <textarea name="e:${esc(c.id)}" placeholder="Evidence: title | where it is (one per line)" aria-label="Evidence"></textarea>
        </div>
      </div>`;
  const sections = spec.perspectives
    .map(
      (k) => `
  <section>
    <h2>${esc(k.name)}</h2>
    ${k.practices
      .map(
        (p) => `
    <fieldset class="practice" id="practice-${esc(p.id)}">
      <legend>${esc(p.name)}</legend>
      ${p.description ? `<p class="desc">${esc(firstSentence(p.description))}</p>` : ''}${p.criteria.map(criterion).join('')}
    </fieldset>`,
      )
      .join('')}
  </section>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="relm">
<title>${esc(spec.client)}: release management questionnaire</title>
<style>${CSS}</style>
<script type="application/json" id="relm-meta">${scriptJson(meta)}</script>
</head>
<body>
<form id="questionnaire" onsubmit="return false">
<div class="bar">
  <span class="progress" id="progress">0 of ${total} statements answered</span>
  <span class="status" id="status" role="status"></span>
  <label class="button">Open saved answers<input type="file" id="open" accept=".json,application/json" hidden></label>
  <button type="button" id="save">Save answers</button>
</div>
<header>
  <h1>Release management questionnaire</h1>
  <p class="sub">${esc(spec.client)} · ${esc(spec.title)}</p>
  <div class="card who">
    <label for="respondent-name">Your name</label><input id="respondent-name" name="respondent-name" autocomplete="name" value="${esc(spec.for?.name ?? '')}" required>
    <label for="respondent-role">Your role</label><input id="respondent-role" name="respondent-role" autocomplete="organization-title" value="${esc(spec.for?.role ?? '')}">
    <label for="respondent-date">Date of your answers</label><input id="respondent-date" name="respondent-date" placeholder="YYYY-MM-DD" pattern="\\d{4}-\\d{2}-\\d{2}">
    <span>Please return it by</span><span>${esc(spec.deadline ?? 'the date agreed with the consultants')}</span>
    ${spec.returnTo.length ? `<span>Return it to</span><span>${esc(spec.returnTo.join(', '))}</span>` : ''}
  </div>
  <div class="card">
    <p><strong>How to answer.</strong> ${spec.for ? `This questionnaire is for ${esc(forLine(spec))}. ` : ''}Each section lists statements about how releases are planned, built, tested and shipped today, grouped by practice; level 1 statements describe the basics, level 5 the most advanced.</p>
    <ul>${HOW_TO_ANSWER.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>
    <p>Your answers stay in this browser as a draft while you work. When you are done, press <strong>Save answers</strong> and send the JSON file it saves back. <strong>Open saved answers</strong> takes up a saved file again.</p>
    <table class="scale"><thead><tr><th>Answer</th><th>What it means</th><th>Counts</th></tr></thead><tbody>
      ${SCALE_WORDS.map((s) => `<tr><td><strong>${esc(s.word)}</strong></td><td>${esc(s.meaning)}</td><td>${esc(s.counts)}</td></tr>`).join('\n      ')}
    </tbody></table>
    <p class="sub">Answers: ${ANSWER_WORDS.join(', ')}. Model: ${esc(spec.model.name)}, version ${esc(spec.model.version)}.</p>
  </div>
</header>
<main>${sections}
</main>
</form>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
