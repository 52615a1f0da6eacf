/** Every event is shown in Vietnamese and English, in the regulations' words. */
import { describe, expect, it } from 'vitest';
import { EVENT_CATALOGUE, EVENT_TYPES } from '../../../machines/events/event-catalogue.js';
import { getRuleSet } from '../../../machines/rules/index.js';

const label = (type: string) => EVENT_CATALOGUE[type]?.label;

describe('event labels', () => {
  it('when any event lacks a label in either language, then this fails naming it', () => {
    const missing = EVENT_TYPES.flatMap((type) =>
      (['vi', 'en'] as const)
        .filter((lang) => (label(type)?.[lang] ?? '').trim().length === 0)
        .map((lang) => `${type} (${lang})`),
    );
    expect(missing).toEqual([]);
  });

  it('when a Vietnamese label is read, then it is not the English one copied', () => {
    expect(EVENT_TYPES.filter((type) => label(type)?.vi === label(type)?.en)).toEqual([]);
  });

  it('when the corrected labels are read, then they use the regulations’ wording', () => {
    expect(
      Object.fromEntries(
        [
          'documents.approved',
          'gate.waiver_recorded',
          'congress.form_changed',
          'congress.resumed',
          'results.annulled',
          'records.archived',
          'unit.flagged_difficult',
          'unit.difficulty_cleared',
          'subordinate.congress_held',
        ].map((type) => [type, label(type)?.vi]),
      ),
    ).toEqual({
      'documents.approved': 'Cấp trên duyệt dự thảo văn kiện',
      'gate.waiver_recorded': 'Đồng ý tiến hành đại hội khi còn đơn vị trực thuộc chưa đại hội',
      'congress.form_changed': 'Đồng ý tổ chức đại hội 3 nội dung / 2 nội dung',
      'congress.resumed': 'Tiếp tục chuẩn bị đại hội',
      'results.annulled': 'Bác bỏ kết quả bầu cử, chỉ đạo bầu lại',
      'records.archived': 'Lập và nộp lưu hồ sơ đại hội',
      'unit.flagged_difficult': 'Xác định đơn vị có khó khăn, phức tạp',
      'unit.difficulty_cleared': 'Đã tháo gỡ khó khăn, phức tạp',
      'subordinate.congress_held': 'Đơn vị trực thuộc đã tổ chức đại hội',
    });
  });

  it('when the level labels are read, then they name the party organisations of each term', () => {
    const labels2020 = getRuleSet('2020-2025').levelLabels;
    const labels2025 = getRuleSet('2025-2030').levelLabels;
    expect(labels2020?.province?.vi).toBe('Đảng bộ tỉnh, thành phố và đảng bộ trực thuộc Trung ương');
    expect(labels2020?.district?.vi).toBe('Đảng bộ quận, huyện, thị xã, thành phố thuộc tỉnh và tương đương');
    expect(labels2025?.district?.vi).toBe('Đảng bộ xã, phường, đặc khu và đảng bộ cấp trên trực tiếp cơ sở');
  });
});
