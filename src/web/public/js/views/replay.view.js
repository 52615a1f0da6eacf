/* global window */
/**
 * Auditor replay: a slider over the log positions; each position shows the state the log replays to
 * (GET /state?seq=). A date control shows the state at the end of a day (Vietnam time), by when events
 * occurred or when they were recorded (GET /state?at=&by=). The verify button walks the hash chain
 * (GET /verify) and shows OK or the first broken seq.
 */
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { describeError, phaseLabel } from '../labels.js';
import { phaseStepper, statePaths } from './stepper.view.js';

/** Waits for the slider to settle, so dragging across 300 events does not send 300 requests. */
const SETTLE_MS = 150;

/**
 * @param {{ api: import('../api.js').Api, unitId: string, version: number, skipped: Set<string>, onReplayed: (seq: number) => void }} deps
 * @returns {HTMLElement}
 */
export function replayPanel({ api, unitId, version, skipped, onReplayed }) {
  const output = h('output', { id: 'replay-result', for: 'replay-seq', 'aria-live': 'polite' });
  const picture = h('div', { class: 'replay-picture' });
  const slider = h('input', {
    id: 'replay-seq',
    type: 'range',
    min: 0,
    max: version,
    step: 1,
    value: version,
  });
  const seqText = h('span', { class: 'replay-seq-value' }, version);
  let timer = 0;
  let latest = 0;

  /** @param {() => Promise<import('../schemas.js').Replay>} fetchState */
  const load = async (fetchState) => {
    const ticket = ++latest;
    try {
      const replayed = await fetchState();
      if (ticket !== latest) return;
      const corrected = replayed.corrections.map((c) => `${c.seq} ← ${c.correctedBy.join(', ')}`).join('; ');
      replace(
        output,
        t('replay.result', { seq: replayed.seq, phase: phaseLabel(replayed.phase) }),
        corrected
          ? h('span', { class: 'replay-corrections' }, ' · ', t('replay.corrected', { list: corrected }))
          : '',
      );
      output.dataset.phase = replayed.phase;
      replace(
        picture,
        phaseStepper(replayed.phase, skipped),
        h(
          'ul',
          { class: 'state-paths' },
          statePaths(replayed.snapshot.value).map((p) => h('li', {}, h('code', {}, p))),
        ),
      );
      onReplayed(replayed.seq);
    } catch (error) {
      if (ticket === latest) replace(output, h('span', { class: 'error' }, describeError(error, unitId)));
    }
  };
  slider.addEventListener('input', () => {
    seqText.textContent = slider.value;
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void load(() => api.replay(unitId, Number(slider.value))), SETTLE_MS);
  });
  const byDate = dateControl((at, by) => void load(() => api.replayAt(unitId, at, by)));

  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'replay-title' },
    h('h2', { id: 'replay-title' }, t('replay.title')),
    h('label', { for: 'replay-seq' }, t('replay.seq'), ': ', seqText),
    slider,
    byDate,
    output,
    picture,
    verifyControl(api, unitId),
  );
}

/**
 * A day and which time to go by; submitting asks for the state at the end of that day in Vietnam.
 * @param {(at: string, by: 'occurred' | 'recorded') => void} onPick
 */
function dateControl(onPick) {
  const date = h('input', { id: 'replay-date', type: 'date', required: true });
  const by = h(
    'select',
    { id: 'replay-by' },
    h('option', { value: 'occurred' }, t('replay.byOccurred')),
    h('option', { value: 'recorded' }, t('replay.byRecorded')),
  );
  const form = h(
    'form',
    { class: 'replay-date' },
    h('label', { for: 'replay-date' }, t('replay.date')),
    date,
    h('label', { for: 'replay-by' }, t('replay.by')),
    by,
    h('button', { type: 'submit', id: 'replay-date-go' }, t('replay.show')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!date.value) return;
    onPick(`${date.value}T23:59:59+07:00`, by.value === 'recorded' ? 'recorded' : 'occurred');
  });
  return form;
}

/**
 * @param {import('../api.js').Api} api
 * @param {string} unitId
 */
function verifyControl(api, unitId) {
  const result = h('p', { id: 'verify-result', role: 'status' });
  const button = h('button', { type: 'button', id: 'verify' }, t('verify.button'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    replace(result, t('loading'));
    try {
      const { reports } = await api.verify(unitId);
      const report = reports.find((r) => r.unitId === unitId) ?? reports[0];
      result.dataset.ok = String(report?.ok === true);
      replace(
        result,
        report?.ok === true
          ? t('verify.ok', { events: report.events })
          : t('verify.broken', { seq: report?.firstBrokenSeq ?? '?', reason: report?.reason ?? '' }),
      );
    } catch (error) {
      replace(result, h('span', { class: 'error' }, describeError(error, unitId)));
    } finally {
      button.disabled = false;
    }
  });
  return h('div', { class: 'verify' }, button, result);
}
