/**
 * Synthetic source exports for the benchmarks: N rows of one kind as a UTF-8 CSV with the data-contract.md headers,
 * about people outside any generated batch (sequence numbers 900–999, the fixture generator's outsider range), so
 * they pad a night's exports to a given size without changing any household's verdict. Deterministic (a linear
 * congruential sequence from the seed), valid (real county codes, GB 11643 check characters, plausible values), and
 * streamed with back-pressure, so 5,000,000 rows take no memory.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { checkCharacter } from '../identity/checksum.js';

export const exportKinds = ['bank', 'vehicle', 'realestate', 'income', 'crossprov'] as const;
export type ExportKind = (typeof exportKinds)[number];

const headers: Record<ExportKind, string> = {
  bank: '身份证号,姓名,机构名称,资产类别,账号,余额,查询日期',
  vehicle: '身份证号,姓名,号牌号码,号牌种类,车辆类型,使用性质,机动车状态,初次登记日期,评估价值',
  realestate: '身份证号,姓名,不动产权证号,坐落,规划用途,建筑面积,登记时间,共有份额,权利状态',
  income: '身份证号,姓名,收入类别,收入项目,金额,所属期起,所属期止,数据来源',
  crossprov: '身份证号,姓名,反馈省份,核对项目,核对结果,金额,数量,面积,反馈日期',
};

/** Real GB/T 2260 county codes (菏泽 and 泸州 districts and counties). */
const counties = ['371702', '371703', '371721', '371722', '371723', '371724', '371725', '371726', '371728', '510502', '510503', '510504', '510521'];
const institutions = ['中国农业银行', '中国工商银行', '中国建设银行', '中国银行', '菏泽农商银行', '邮储银行'];
const assetTypes = ['活期存款', '定期存款', '理财', '基金'];
const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const given = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英';
const incomeItems: [string, string][] = [['工资性', '工资薪金'], ['工资性', '劳务报酬'], ['转移净', '养老金'], ['财产净', '房屋出租'], ['经营净', '个体经营']];
const provinces = ['河南省', '江苏省', '浙江省', '广东省', '四川省', '重庆市'];
const crossItems = ['存款', '房产', '车辆', '工商', '工资', '养老金'];

type Next = (m: number) => number;

function person(next: Next): { id: string; name: string } {
  const birth = `19${50 + next(50)}${String(1 + next(12)).padStart(2, '0')}${String(1 + next(28)).padStart(2, '0')}`;
  const first17 = `${counties[next(counties.length)]}${birth}${900 + next(100)}`;
  const name = surnames[next(surnames.length)]! + given[next(given.length)]! + (next(2) ? given[next(given.length)]! : '');
  return { id: first17 + checkCharacter(first17), name };
}

const two = (n: number) => String(n).padStart(2, '0');
const yuan = (next: Next, max: number) => `${next(max)}.${two(next(100))}`;

function row(kind: ExportKind, i: number, next: Next): string {
  const p = person(next);
  const who = `${p.id},${p.name}`;
  switch (kind) {
    case 'bank':
      return `${who},${institutions[next(institutions.length)]},${assetTypes[next(assetTypes.length)]},6228${String(i).padStart(12, '0')},${yuan(next, 200_000)},2024-06-${two(1 + next(28))}`;
    case 'vehicle':
      return `${who},鲁R${String(10_000 + (i % 90_000))}${'ABCDEFGHJK'[next(10)]},小型汽车,小型轿车,非营运,正常,20${two(5 + next(19))}-${two(1 + next(12))}-${two(1 + next(28))},${yuan(next, 150_000)}`;
    case 'realestate':
      return `${who},鲁(20${two(5 + next(19))})菏泽市不动产权第${String(i).padStart(7, '0')}号,牡丹区中华路${1 + next(300)}号,住宅,${40 + next(120)}.${next(10)},20${two(5 + next(19))}-${two(1 + next(12))}-${two(1 + next(28))},${next(4) === 0 ? '1/2' : ''},现势`;
    case 'income': {
      const [category, item] = incomeItems[next(incomeItems.length)]!;
      const month = `2024-${two(1 + next(6))}`;
      return `${who},${category},${item},${yuan(next, 6_000)},${month},${month},税务`;
    }
    case 'crossprov':
      return `${who},${provinces[next(provinces.length)]},${crossItems[next(crossItems.length)]},无,,,,2024-06-${two(1 + next(28))}`;
  }
}

/** Writes `rows` data rows of `kind` (plus the header) to `path`; returns the file's size in bytes. */
export async function writeExportCsv(path: string, kind: ExportKind, rows: number, seed = 42): Promise<number> {
  const out = createWriteStream(path, { mode: 0o600 });
  let s = seed >>> 0;
  const next: Next = (m) => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) % m);
  out.write(`${headers[kind]}\r\n`);
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    chunk += `${row(kind, i, next)}\r\n`;
    if (chunk.length >= 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return out.bytesWritten;
}
