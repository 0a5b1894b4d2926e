/**
 * The secretariat's year in the CLI, one separate `sasaeai` process per step, the state kept only
 * in the JSON ledger beside the returns: three returns received, one sent back, the others
 * accepted, a council meeting recorded, the ward confirmed, the roll-up reading the ledger, then a
 * change after confirmation that shows as a change with who, when and why.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExcelJS } from '../src/xlsx/exceljs.js';
import { activityWorkbook, goodRow, tempDir } from './fixtures.js';
import { json, sasaeai } from './run.js';

const SECRETARIAT = ['--by', 'sato@example.jp', '--name', '佐藤', '--body', 'ward-secretariat', '--unit', '中央区'];

describe('sasaeai review: a ward secretariat year against a ledger file', () => {
  const dir = tempDir('sasaeai-review-');
  const returns = join(dir, 'returns');
  const ledger = join(returns, 'sasaeai-review.json');
  const files: Record<string, string> = {};
  const review = (args: string[]) => sasaeai(['review', ...args, '--ledger', ledger], { cwd: dir });

  beforeAll(async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(returns);
    files['寒川'] = await activityWorkbook(returns, '寒川.xlsx');
    files['松ケ丘'] = await activityWorkbook(returns, '松ケ丘.xlsx', [goodRow({ 地区部会: '松ケ丘', 実施回数: 5, 参加者数: 60 })]);
    files['新宿'] = await activityWorkbook(returns, '新宿.xlsx', [goodRow({ 地区部会: '新宿', 実施回数: 7, 参加者数: 70 })]);
  });

  it('receives three returns, sends one back with an e-mail text, accepts the others', async () => {
    const r = await review(['receive', returns, ...SECRETARIAT]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(3);
    expect(r.stdout).toContain('寒川.xlsx#活動状況報告  点検済み');

    const back = await review(['send-back', files['新宿']!, '--reason', '参加者数の内訳を記入してください', ...SECRETARIAT]);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toMatch(/^宛先: 新宿地区部会\n件名: 報告の差戻し：/);
    expect(back.stdout).toContain('差戻しの理由：参加者数の内訳を記入してください');

    // a send-back needs a reason; the district itself cannot accept its own return
    expect((await review(['send-back', files['寒川']!, ...SECRETARIAT])).code).toBe(2);
    const own = await review(['accept', files['寒川']!, '--by', 'chapter', '--body', 'district-chapter', '--unit', '12101-01']);
    expect(own.code).toBe(1);
    expect(own.stderr).toContain('[own_return]');

    for (const d of ['寒川', '松ケ丘']) {
      const a = await review(['accept', files[d]!, ...SECRETARIAT]);
      expect(a.code, a.stderr).toBe(0);
      expect(a.stdout).toContain('受理');
    }
    const status = json(await review(['status', '--format', 'json']));
    expect(Object.fromEntries(Object.values(status.returns as Record<string, { submissionId: string; status: string }>).map((e) => [e.submissionId, e.status]))).toEqual({
      '寒川.xlsx#活動状況報告': 'accepted',
      '松ケ丘.xlsx#活動状況報告': 'accepted',
      '新宿.xlsx#活動状況報告': 'sent-back',
    });
  });

  it('writes the reminders as a CSV for a mail merge: UTF-8 with BOM, the sent-back return with its reason', async () => {
    const out = join(dir, 'reminders.csv');
    const r = await review(['reminders', returns, '--fiscal-year', '2026', '--ward', '中央区', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('コード,報告する組織,報告先,締切,状況,差戻しの理由,報告（ファイル / シート）');
    expect(lines.find((l) => l.startsWith('12101-03,'))).toBe(
      '12101-03,新宿地区部会,中央区支え合いのまち推進協議会,2027-04-30,差戻し中,参加者数の内訳を記入してください,returns/新宿.xlsx / 活動状況報告',
    );
    expect(lines.some((l) => l.startsWith('12101-01,'))).toBe(false);
    expect(lines.filter((l) => l.includes(',未提出,')).length).toBeGreaterThan(0);
  });

  it('records a meeting and confirms the ward, acknowledging the districts that did not report', async () => {
    const early = await review(['confirm', returns, '--ward', '中央区', '--fiscal-year', '2026', '--meeting', 'none', ...SECRETARIAT]);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('[unknown_meeting]');

    const m = await review(['meeting', '--ward', '中央区', '--fiscal-year', '2026', '--date', '2027-05-20', '--agenda', '令和8年度 推進状況の確認', '--reviewed', files['寒川']!, '--reviewed', files['松ケ丘']!, ...SECRETARIAT]);
    expect(m.code, m.stderr).toBe(0);
    const id = /: (\S+)$/m.exec(m.stdout)![1]!;
    expect(id).toBe('12101/2026/2027-05-20');

    const missing = await review(['confirm', returns, '--ward', '中央区', '--fiscal-year', '2026', '--meeting', id, ...SECRETARIAT]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('[missing_reports]');
    const ack = ['12101-03', '12101-04', '12101-05', '12101-06', '12101-07', '12101-08'].flatMap((c) => ['--acknowledge-missing', c]);
    const c = await review(['confirm', returns, '--ward', '中央区', '--fiscal-year', '2026', '--meeting', id, ...ack, ...SECRETARIAT]);
    expect(c.code, c.stderr).toBe(0);
    expect(c.stdout).toContain('確定しました: 12101/2026/1');
  });

  it('rolls up with the ledger: only accepted returns count, unless asked', async () => {
    const r = json(await sasaeai(['rollup', returns, '--fiscal-year', '2026', '--ward', '中央区', '--ledger', ledger, '--format', 'json'], { cwd: dir }));
    const uses = Object.fromEntries((r.submissions as { id: string; use: string }[]).map((u) => [u.id, u.use]));
    expect(uses).toEqual({ '寒川.xlsx#活動状況報告': 'counted', '新宿.xlsx#活動状況報告': 'left-out', '松ケ丘.xlsx#活動状況報告': 'counted' });
    // 寒川 240 + 180, 松ケ丘 60: 新宿's 70 is not counted
    expect(r.figures['12101/*/participants']).toBe(480);
    const all = json(await sasaeai(['rollup', returns, '--fiscal-year', '2026', '--ward', '中央区', '--ledger', ledger, '--include-unaccepted', '--format', 'json'], { cwd: dir }));
    // a return sent back stays out even then: it is waiting for a corrected one
    expect(all.figures['12101/*/participants']).toBe(480);
    expect((await sasaeai(['rollup', returns, '--fiscal-year', '2026', '--include-unaccepted'], { cwd: dir })).code).toBe(2);
  });

  it('a changed return after confirmation needs a reason, and shows as a change with who, when and why', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(files['松ケ丘']!);
    wb.getWorksheet('活動状況報告')!.getCell('H2').value = 99;
    await wb.xlsx.writeFile(files['松ケ丘']!);

    // the roll-up does not count the changed content silently
    const before = await sasaeai(['rollup', returns, '--fiscal-year', '2026', '--ward', '中央区', '--ledger', ledger], { cwd: dir });
    expect(before.stdout).toContain('松ケ丘.xlsx');
    expect(before.stdout).toContain('受理後に内容が変わっています');

    const refused = await review(['receive', files['松ケ丘']!, ...SECRETARIAT]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('[locked]');
    const again = await review(['receive', files['松ケ丘']!, ...SECRETARIAT, '--reason', '参加者数の訂正（地区部会から連絡）']);
    expect(again.code, again.stderr).toBe(0);
    const accepted = await review(['accept', files['松ケ丘']!, ...SECRETARIAT, '--reason', '訂正を確認']);
    expect(accepted.code, accepted.stderr).toBe(0);

    const status = await review(['status']);
    expect(status.stdout).toMatch(/確定後の変更:\n\s+\S+\s+佐藤\s+松ケ丘\.xlsx#活動状況報告\s+受理 → 受付済み\s+理由: 参加者数の訂正（地区部会から連絡）/);
    const history = await review(['history', files['松ケ丘']!]);
    expect(history.stdout).toContain('受理  理由: 訂正を確認');

    const r = await sasaeai(['rollup', returns, '--fiscal-year', '2026', '--ward', '中央区', '--ledger', ledger], { cwd: dir });
    expect(r.stdout).toMatch(/中央区：2027-05-20に確定済み。確定後に変わった数値 [1-9]\d*件、変更記録 [1-9]\d*件/);
    expect(r.stdout).toContain('12101/*/participants: 480 → 519');
  });

  it('refuses a ledger that is not a review state with core\'s reason, and leaves it as it is', async () => {
    const { writeFileSync } = await import('node:fs');
    const bad = join(dir, 'not-a-ledger.json');
    const text = JSON.stringify({ kind: 'sasaeai-review', version: 1, planId: 'chiba-sasaeai', returns: { x: { status: 'lost' } } });
    writeFileSync(bad, text);
    const r = await sasaeai(['review', 'status', '--ledger', bad], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('審査記録の形式が正しくありません');
    expect(readFileSync(bad, 'utf8')).toBe(text);
  });
});
