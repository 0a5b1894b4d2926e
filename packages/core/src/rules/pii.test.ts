import { describe, expect, it } from 'vitest';
import { findPersonalData } from '../index.js';

const kinds = (s: string) => findPersonalData(s).map((f) => `${f.kind}:${f.match}`);

describe('personal-information guard', () => {
  it.each([
    ['連絡先 090-1234-5678', ['pii_phone:090-1234-5678']],
    ['連絡先 09012345678', ['pii_phone:09012345678']],
    ['０９０－１２３４－５６７８まで', ['pii_phone:090-1234-5678']],
    ['043-000-1234（代表）', ['pii_phone:043-000-1234']],
    ['043（245）5111', ['pii_phone:043(245)5111']],
    ['0120-123-456', ['pii_phone:0120-123-456']],
    ['+81 90 1234 5678', ['pii_phone:+81 90 1234 5678']],
    ['番号 123456789012', ['pii_my_number:123456789012']],
    ['番号 1234-5678-9012', ['pii_my_number:1234-5678-9012']],
    ['番号 １２３４ ５６７８ ９０１２', ['pii_my_number:1234 5678 9012']],
    ['taro.yamada@example.co.jp へ送付', ['pii_email:taro.yamada@example.co.jp']],
    ['ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ', ['pii_email:taro@example.jp']],
    ['山田様のご協力', ['pii_person_name:山田様']],
    ['田中 花子さんが参加', ['pii_person_name:田中 花子さん']],
    ['田中さんが参加', ['pii_person_name:田中さん']],
    ['林さん', ['pii_person_name:林さん']],
    ['寒川の佐藤さまより', ['pii_person_name:佐藤さま']],
  ])('%s', (text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it.each([
    '参加者の皆さんに好評だった',
    'みなさんのおかげ',
    'お客様の声',
    '地域の皆様',
    '利用者さんとの交流',
    '参加者さんが増えた',
    'ご家族様向けの講座',
    'お子さんの見守り',
    'お母さんたちのサロン',
    '自治会長さんと相談',
    '民生委員さんと訪問',
    '社協さんの支援',
    '同様に実施した',
    '様々な団体と連携',
    '実施の様子を広報紙に掲載',
    '2026-05-01 に実施、参加者 120 名',
    '予算 1,200,000 円',
    '第3回 2026年5月1日',
    '会場は 2 か所、延べ 12 回',
    '12:30～15:00',
    '電話での見守りを実施',
    'たくさんの参加があった',
    'お疲れ様でした',
    '0.5時間',
  ])('no finding: %s', (text) => {
    expect(kinds(text)).toEqual([]);
  });
});
