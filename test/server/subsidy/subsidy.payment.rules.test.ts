import { batchPreview, previewKeyOf, type BatchCandidate } from '../../../server/src/modules/subsidy/subsidy.payment.rules';
import { paymentFileName } from '../../../server/src/contract/subsidy';

const line = (id: string, over: Partial<BatchCandidate> = {}): BatchCandidate => ({
  id,
  attempt: 1,
  programId: 'p1',
  programName: '住房补贴',
  district: '210211',
  amount: 1000,
  ...over,
});

describe('payment batch preview rules', () => {
  it('should name the same set of attempts with the same key whatever the order', () => {
    expect(previewKeyOf(undefined, [line('a'), line('b')])).toBe(previewKeyOf(undefined, [line('b'), line('a')]));
    expect(previewKeyOf(undefined, [line('a')])).toMatch(/^[0-9a-f]{32}$/);
  });

  it('should give another key when a line is added, another attempt is due or another program is chosen', () => {
    const base = previewKeyOf(undefined, [line('a')]);
    expect(previewKeyOf(undefined, [line('a'), line('b')])).not.toBe(base);
    expect(previewKeyOf(undefined, [line('a', { attempt: 2 })])).not.toBe(base);
    expect(previewKeyOf('p1', [line('a')])).not.toBe(base);
  });

  it('should sum the lines by program and by district, largest amount first', () => {
    const preview = batchPreview({
      included: [
        line('a'),
        line('b', { programId: 'p2', programName: '求职创业补贴', district: '210202', amount: 1500 }),
        line('c', { programId: 'p2', programName: '求职创业补贴', amount: 1500 }),
        line('d', { district: undefined, amount: 500 }),
      ],
      excluded: [],
      limit: 2000,
    });
    expect(preview).toMatchObject({ count: 4, total: 4500, limit: 2000 });
    expect(preview.byProgram).toEqual([
      { key: 'p2', name: '求职创业补贴', count: 2, total: 3000 },
      { key: 'p1', name: '住房补贴', count: 2, total: 1500 },
    ]);
    expect(preview.byDistrict).toEqual([
      { key: '210211', name: '甘井子区', count: 2, total: 2500 },
      { key: '210202', name: '中山区', count: 1, total: 1500 },
      { key: '', name: '未填写就业地区', count: 1, total: 500 },
    ]);
  });

  it('should list only the reasons that hold something out, each with its Chinese explanation', () => {
    const preview = batchPreview({
      included: [],
      excluded: [
        { reason: 'noAccount', count: 2, total: 3000 },
        { reason: 'overLimit', count: 0, total: 0 },
        { reason: 'payReturned', count: 1, total: 1500 },
      ],
      limit: 2000,
    });
    expect(preview.excluded).toEqual([
      { reason: 'noAccount', label: '缺少收款账户，须申请人补填后再发放', count: 2, total: 3000 },
      { reason: 'payReturned', label: '银行退回，等待申请人更正收款账户', count: 1, total: 1500 },
    ]);
    expect(preview).toMatchObject({ count: 0, total: 0 });
  });

  it('should name the bank file by the batch day in Beijing and its reference', () => {
    // 23:30 UTC on 6 December is already 7 December in Dalian.
    expect(paymentFileName({ reference: 'BT20261207A1B2C3', createdAt: '2026-12-06T23:30:00.000Z' })).toBe('补贴发放清单-2026-12-07-BT20261207A1B2C3.xlsx');
  });
});
