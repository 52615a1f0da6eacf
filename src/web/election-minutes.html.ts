/**
 * The vote-count minutes (biên bản kiểm phiếu) as printable Vietnamese pages: each round one A4 sheet
 * (print CSS), with the attendance, the exclusions by category, the ballot count, each candidate's
 * votes and the result, and space for the counting committee's signatures. One round is served on its
 * own; the unit export puts every recorded round in one document, a sheet per page.
 */
import { ELECTION_LABELS, type ElectionKind } from '../../machines/rules/election-kinds.js';
import { CONGRESS_KIND_LABELS, EXCLUSION_LABELS } from '../../machines/events/field-labels.js';

/** The Vietnamese name of `key` in `labels`, or the key itself when it has none. */
const vi = (labels: Record<string, { vi: string }>, key: string) => labels[key]?.vi ?? key;

export interface MinutesView {
  unit: { id: string; name: string };
  election: ElectionKind;
  round: number;
  occurredAt: string;
  congressKind: string;
  summoned: number;
  present: number;
  exclusions: { category: string; count: number; note?: string | undefined }[];
  ballots: { issued: number; collected: number; valid: number; invalid: number };
  votes: { candidateId: string; votes: number }[];
  result: { base: number; votesNeeded: number; elected: string[]; tiedAtLastSeat: string[]; outcome: string };
}

const OUTCOME_VI: Record<string, string> = {
  filled: 'Đã bầu đủ số lượng',
  tie: 'Có người bằng phiếu ở vị trí cuối: bầu tiếp trong số người bằng phiếu',
  short: 'Chưa đủ số lượng: bầu tiếp hoặc đại hội quyết định',
};

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** "66,67%": Vietnamese decimal comma. */
const percent = (part: number, whole: number) =>
  whole === 0 ? '—' : `${(Math.round((part / whole) * 10_000) / 100).toFixed(2).replace('.', ',')}%`;

const STYLE = `
@page { size: A4; margin: 15mm; }
* { box-sizing: border-box; }
body { font-family: 'Times New Roman', 'DejaVu Serif', serif; font-size: 11pt; line-height: 1.35; margin: 0; color: #000; }
main { max-width: 180mm; margin: 0 auto; }
.sheet { break-inside: avoid; page-break-inside: avoid; }
.sheet + .sheet { break-before: page; page-break-before: always; }
h1 { font-size: 14pt; text-align: center; margin: 4mm 0 1mm; }
.sub { text-align: center; margin: 0 0 4mm; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0 3mm; }
th, td { border: 1px solid #000; padding: 1mm 2mm; text-align: left; }
td.n { text-align: right; }
.signs { display: flex; justify-content: space-between; margin-top: 8mm; }
.signs div { width: 45%; text-align: center; }
@media screen { body { padding: 10mm; } .sheet + .sheet { margin-top: 15mm; border-top: 1px dashed #888; } }
`;

function rows(view: MinutesView): string {
  return view.votes
    .map((v, i) => {
      const elected = view.result.elected.includes(v.candidateId) ? 'Trúng cử' : '';
      return `<tr><td class="n">${i + 1}</td><td>${escape(v.candidateId)}</td><td class="n">${v.votes}</td><td class="n">${percent(v.votes, view.result.base)}</td><td>${elected}</td></tr>`;
    })
    .join('');
}

function exclusions(view: MinutesView): string {
  if (view.exclusions.length === 0) return '<p>Không có trường hợp trừ khỏi tổng số.</p>';
  const items = view.exclusions
    .map(
      (e) =>
        `<li>${escape(vi(EXCLUSION_LABELS, e.category))}: ${e.count}${e.note ? ` (${escape(e.note)})` : ''}</li>`,
    )
    .join('');
  return `<ul>${items}</ul>`;
}

/** One round's minutes: the markup of one A4 sheet. */
function roundSheet(view: MinutesView): string {
  const { ballots, result } = view;
  const title = `${ELECTION_LABELS[view.election].vi}, lần ${view.round}`;
  return `<section class="sheet" data-round="${escape(view.election)}-${view.round}">
<p class="sub"><strong>ĐẢNG CỘNG SẢN VIỆT NAM</strong><br>${escape(view.unit.name)}</p>
<h1>BIÊN BẢN KIỂM PHIẾU</h1>
<p class="sub">${escape(title)} — ${escape(vi(CONGRESS_KIND_LABELS, view.congressKind))} — ${escape(view.occurredAt.slice(0, 10))}</p>
<table><tbody>
<tr><th>Tổng số được triệu tập</th><td class="n" data-field="summoned">${view.summoned}</td><th>Có mặt</th><td class="n" data-field="present">${view.present}</td></tr>
<tr><th>Số phiếu phát ra</th><td class="n" data-field="issued">${ballots.issued}</td><th>Số phiếu thu vào</th><td class="n" data-field="collected">${ballots.collected}</td></tr>
<tr><th>Số phiếu hợp lệ</th><td class="n" data-field="valid">${ballots.valid}</td><th>Số phiếu không hợp lệ</th><td class="n" data-field="invalid">${ballots.invalid}</td></tr>
</tbody></table>
<p><strong>Các trường hợp trừ khỏi tổng số để tính kết quả</strong> (Quy chế bầu cử trong Đảng, Điều 32):</p>
${exclusions(view)}
<p>Tổng số làm căn cứ tính kết quả: <strong>${result.base}</strong>; người trúng cử phải đạt quá một nửa, tức ít nhất <strong>${result.votesNeeded}</strong> phiếu.</p>
<table><thead><tr><th>TT</th><th>Họ và tên</th><th>Số phiếu</th><th>Tỷ lệ</th><th>Kết quả</th></tr></thead><tbody>${rows(view)}</tbody></table>
<p>Kết quả: ${escape(OUTCOME_VI[result.outcome] ?? result.outcome)}. Trúng cử: ${escape(result.elected.join(', ') || 'không có')}.</p>
<div class="signs"><div>TM. BAN KIỂM PHIẾU<br>TRƯỞNG BAN<br><br><br></div><div>CÁC THÀNH VIÊN<br>BAN KIỂM PHIẾU<br><br><br></div></div>
</section>`;
}

/** A complete HTML document around `sheets`. */
function minutesDocument(title: string, sheets: string): string {
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>${escape(title)}</title><style>${STYLE}</style></head>
<body><main>
${sheets}
</main></body></html>`;
}

/** The minutes of one round as a complete HTML document. */
export function renderRoundMinutes(view: MinutesView): string {
  const title = `Biên bản kiểm phiếu — ${ELECTION_LABELS[view.election].vi}, lần ${view.round}`;
  return minutesDocument(title, roundSheet(view));
}

/** The sheet of a unit that has recorded no round yet: says so, in Vietnamese, with the English beside it. */
function noRoundSheet(unit: MinutesView['unit']): string {
  return `<section class="sheet" data-round="none">
<p class="sub"><strong>ĐẢNG CỘNG SẢN VIỆT NAM</strong><br>${escape(unit.name)}</p>
<h1>BIÊN BẢN KIỂM PHIẾU</h1>
<p class="sub">${escape(unit.name)} chưa ghi nhận lần bầu cử nào, nên chưa có biên bản kiểm phiếu.</p>
<p class="sub" lang="en">No ballot round of ${escape(unit.name)} has been recorded yet, so there are no minutes to print.</p>
</section>`;
}

/**
 * Every recorded round of a unit, in log order, a sheet per A4 page (the export's `minutes` format);
 * a unit without a recorded round gets one sheet that says so.
 */
export function renderUnitMinutes(unit: MinutesView['unit'], rounds: readonly MinutesView[]): string {
  const sheets = rounds.length === 0 ? noRoundSheet(unit) : rounds.map(roundSheet).join('\n');
  return minutesDocument(`Biên bản kiểm phiếu — ${unit.name}`, sheets);
}
