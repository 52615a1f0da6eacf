/* global window */
/**
 * Auditor replay: a slider over the log positions; each position shows the state the log replays to
 * (GET /state?seq=). The verify button walks the hash chain (GET /verify) and shows OK or the first
 * broken seq.
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

  const load = async () => {
    const seq = Number(slider.value);
    const ticket = ++latest;
    try {
      const replayed = await api.replay(unitId, seq);
      if (ticket !== latest) return;
      replace(output, t('replay.result', { seq: replayed.seq, phase: phaseLabel(replayed.phase) }));
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
    timer = window.setTimeout(() => void load(), SETTLE_MS);
  });

  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'replay-title' },
    h('h2', { id: 'replay-title' }, t('replay.title')),
    h('label', { for: 'replay-seq' }, t('replay.seq'), ': ', seqText),
    slider,
    output,
    picture,
    verifyControl(api, unitId),
  );
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
