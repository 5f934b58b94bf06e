/**
 * 定期复核 / 风险预警 (issue 6 item 4): two batches run by the real executable into one workspace; the second plants
 * each kind of change, and riskAlerts(db, batch 2) must raise exactly the expected alerts.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { riskAlerts, type RiskAlert } from '../../src/audit/riskAlerts.js';
import { checkCharacter, maskId } from '../../src/identity/index.js';
import { openWorkspace, type Db } from '../../src/store/db.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));

/** A valid 身份证号 of 371702 (牡丹区) for person n (GB 11643 check character). */
function id(n: number): string {
  const first17 = `371702${1960 + (n % 40)}0${1 + (n % 9)}1${n % 10}${String(100 + n).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

const applicantsHeader = '申请编号,区划代码,城乡类别,救助类别,申请日期,姓名,身份证号,与申请人关系,授权核对';
const member = (app: string, name: string, n: number, relation: string, authorized = '是') =>
  `${app},371702,农村,低保,2024-06-01,${name},${id(n)},${relation},${authorized}`;
const bank = (n: number, name: string, account: string, balance: string) =>
  `${id(n)},${name},菏泽农商银行,活期存款,${account},${balance},2024-05-31`;
const vehicle = (n: number, name: string, plate: string) => `${id(n)},${name},${plate},02,小型轿车,A,A`;
const house = (n: number, name: string, cert: string) => `${id(n)},${name},${cert},牡丹区某小区,住宅,60.00`;
const income = (n: number, name: string, amount: string) => `${id(n)},${name},工资性,工资,${amount},2024-01,2024-01,税务`;

// People: n → name. 1..: 本人 of H01..; 50+: other members.
const common = [
  member('H01', '张一', 1, '本人'),
  member('H02', '张二', 2, '本人'),
  member('H03', '张三', 3, '本人'),
  member('H04', '张四', 4, '本人'),
  member('H05', '张五', 5, '本人'),
  member('H06', '张六', 6, '本人'),
  member('H07', '张七', 7, '本人'),
  member('H08', '张八', 8, '本人'),
  member('H09', '张九', 9, '本人'),
  member('H10', '李十', 10, '本人'),
  member('H10', '王共', 60, '子女'),
  member('H11', '李十一', 11, '本人'),
  member('H12', '李十二', 12, '本人'),
  member('H12', '赵亡', 62, '配偶'),
];

const batch1 = {
  applicants: [
    ...common,
    member('H09', '孙去', 59, '子女'),
    member('H13', '李十三', 13, '本人'),
    member('H14', '李十四', 14, '本人'),
  ],
  bank: [bank(4, '张四', '6200000000000004', '1000.00'), bank(5, '张五', '6200000000000005', '10000.00'), bank(6, '张六', '6200000000000006', '10000.00')],
  vehicle: [vehicle(2, '张二', '鲁R10002')],
  realestate: [house(3, '张三', 'R3-1'), house(3, '张三', 'R3-2')],
  income: [income(7, '张七', '300.00'), income(14, '李十四', '100.00')],
  death: [] as string[],
};

const batch2 = {
  applicants: [
    ...common,
    member('H08', '钱来', 58, '配偶'), // MEMBER_ADDED
    member('H11', '王共', 60, '子女'), // 王共 now in H10 and H11
    member('H13', '李十三', 13, '本人', '否'), // verdict change only
    member('H14B', '李十四', 14, '本人'), // same 本人, new application_id
    member('H15', '周新', 15, '本人'), // new household: no earlier assessment
  ],
  bank: [bank(4, '张四', '6200000000000004', '2000.00'), bank(5, '张五', '6200000000000005', '12000.00'), bank(6, '张六', '6200000000000006', '10500.00')],
  vehicle: [vehicle(2, '张二', '鲁R10002'), vehicle(2, '张二', '鲁R20002')],
  realestate: [house(3, '张三', 'R3-1'), house(3, '张三', 'R3-2'), house(3, '张三', 'R3-3')],
  income: [income(7, '张七', '500.00'), income(14, '李十四', '400.00')],
  death: [`${id(62)},赵亡,2024-05-01`],
};

const headers = {
  applicants: applicantsHeader,
  bank: '身份证号,姓名,机构名称,资产类别,账号,余额,查询日期',
  vehicle: '身份证号,姓名,号牌号码,号牌种类,车辆类型,使用性质,机动车状态',
  realestate: '身份证号,姓名,不动产权证号,坐落,规划用途,建筑面积',
  income: '身份证号,姓名,收入类别,收入项目,金额,所属期起,所属期止,数据来源',
  death: '身份证号,姓名,死亡日期',
};

function writeBatch(dir: string, rows: typeof batch1): void {
  mkdirSync(dir, { recursive: true });
  for (const [kind, header] of Object.entries(headers)) {
    const body = rows[kind as keyof typeof rows];
    if (body.length === 0) continue;
    writeFileSync(join(dir, `${kind}.csv`), [header, ...body].join('\n') + '\n');
  }
  copyFileSync(join(repo, 'fixtures/policy/heze-2024.yaml'), join(dir, 'policy.yaml'));
}

let root: string;
let db: Db;
let alerts: RiskAlert[];
let key1: string;
let entries: Map<string, { verdict: string }>[];

function runBatch(n: number): void {
  const r = spawnSync(
    process.execPath,
    ['bin/hedui.js', '--workspace', join(root, 'ws'), '--quiet', 'batch', '--input', join(root, `in${n}`), '--out', join(root, `out${n}`)],
    { cwd: repo, encoding: 'utf8' },
  );
  expect(r.stderr).not.toMatch(/错误/);
  expect([0, 10]).toContain(r.status);
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'hedui 预警-'));
  writeBatch(join(root, 'in1'), batch1);
  writeBatch(join(root, 'in2'), batch2);
  runBatch(1);
  runBatch(2);
  db = openWorkspace(join(root, 'ws'));
  const batches = db.prepare('SELECT id, batch_key FROM batches ORDER BY id').all() as { id: number; batch_key: string }[];
  expect(batches.map((b) => b.id)).toEqual([1, 2]);
  key1 = batches[0]!.batch_key;
  entries = [1, 2].map(
    (b) =>
      new Map(
        (db.prepare('SELECT application_id, entry FROM results WHERE batch_id = ?').all(b) as { application_id: string; entry: string }[]).map(
          (r) => [r.application_id, JSON.parse(r.entry) as { verdict: string }],
        ),
      ),
  );
  alerts = riskAlerts(db, 2);
});
afterAll(() => {
  db?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('riskAlerts', () => {
  it('every household was assessed', () => {
    expect([...entries[0]!.keys()].sort()).toEqual(['H01', 'H02', 'H03', 'H04', 'H05', 'H06', 'H07', 'H08', 'H09', 'H10', 'H11', 'H12', 'H13', 'H14']);
    expect([...entries[1]!.keys()].sort()).toEqual(['H01', 'H02', 'H03', 'H04', 'H05', 'H06', 'H07', 'H08', 'H09', 'H10', 'H11', 'H12', 'H13', 'H14B', 'H15']);
  });

  it('raises exactly the planted alerts, in application_id then code order', () => {
    const a = (applicationId: string, code: string, message: string, before: unknown, after: unknown) => ({
      applicationId,
      previousBatch: key1,
      code,
      message,
      before,
      after,
    });
    const verdict = (app: string) => a(app, 'VERDICT_CHANGED', '核对结论由「符合」变为「待复核」', '符合', '待复核');
    const deathMessage = '计入成员赵亡（配偶）已登记死亡（死亡日期 2024-05-01）';
    const expected = [
      a('H02', 'NEW_VEHICLE', '计入车辆由 1 辆增至 2 辆', 1, 2),
      a('H03', 'NEW_PROPERTY', '住宅由 2 套增至 3 套', 2, 3),
      a('H04', 'FIN_ASSETS_UP', '金融资产由 1000.00 元增至 2000.00 元（增加 1000.00 元）', 1000, 2000),
      a('H05', 'FIN_ASSETS_UP', '金融资产由 10000.00 元增至 12000.00 元（增加 2000.00 元）', 10000, 12000),
      a('H07', 'INCOME_UP', '家庭计算期收入由 300.00 元增至 500.00 元', 300, 500),
      a('H08', 'MEMBER_ADDED', `新增家庭成员 ${maskId(id(58))}`, null, maskId(id(58))),
      a('H09', 'MEMBER_REMOVED', `家庭成员 ${maskId(id(59))} 已不在本户`, maskId(id(59)), null),
      verdict('H10'), // DUPLICATE_MEMBER → 待复核
      a('H10', 'MEMBER_IN_TWO_HOUSEHOLDS', `家庭成员 ${maskId(id(60))} 同时出现在申请 H11 中`, maskId(id(60)), 'H11'),
      verdict('H11'),
      a('H11', 'MEMBER_ADDED', `新增家庭成员 ${maskId(id(60))}`, null, maskId(id(60))),
      a('H11', 'MEMBER_IN_TWO_HOUSEHOLDS', `家庭成员 ${maskId(id(60))} 同时出现在申请 H10 中`, maskId(id(60)), 'H10'),
      verdict('H12'),
      a('H12', 'MEMBER_DECEASED', deathMessage, null, deathMessage),
      verdict('H13'), // 授权核对 否 → AUTH_MISSING: the verdict change alone
      // H01 (no change), H06 (+5 % and +500 元 < 761 元 income_line) and H15 (new household) raise nothing
      // H14B: a new application_id whose 本人 was H14's → compared with H14
      a('H14B', 'INCOME_UP', '家庭计算期收入由 100.00 元增至 400.00 元', 100, 400),
    ];
    expect(alerts).toEqual(expected);
  });

  it('the verdicts the plants rely on', () => {
    const v = (b: number, app: string) => entries[b]!.get(app)!.verdict;
    expect(v(1, 'H12')).toBe('待复核');
    expect(v(0, 'H12')).not.toBe('待复核');
    expect(v(0, 'H13')).not.toBe(v(1, 'H13'));
    // no change anywhere else that would raise VERDICT_CHANGED
    for (const app of ['H01', 'H02', 'H03', 'H04', 'H05', 'H06', 'H07', 'H08', 'H09']) expect(v(1, app)).toBe(v(0, app));
    expect(v(1, 'H14B')).toBe(v(0, 'H14'));
  });

  it('is a pure read: the same answer twice, and none for the first batch', () => {
    expect(riskAlerts(db, 2)).toEqual(alerts);
    expect(riskAlerts(db, 1)).toEqual([]);
  });
});

describe('风险预警 in the outputs of the second batch', () => {
  it('results.json carries every alert, and summary.xlsx has them on the 风险预警 sheet', async () => {
    const results = JSON.parse(readFileSync(join(root, 'out2', 'results.json'), 'utf8')) as { risk_alerts: { application_id: string; code: string }[] };
    expect(results.risk_alerts.map((x) => [x.application_id, x.code])).toEqual(alerts.map((x) => [x.applicationId, x.code]));
    const first = JSON.parse(readFileSync(join(root, 'out1', 'results.json'), 'utf8')) as { risk_alerts: unknown[] };
    expect(first.risk_alerts).toEqual([]);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(root, 'out2', 'summary.xlsx'));
    const sheet = wb.getWorksheet('风险预警')!;
    const codes: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) codes.push(row.getCell(3).text);
    });
    expect(codes).toEqual(alerts.map((x) => x.code));
    // …and each report prints its household's alerts (section 五), checked with pdftotext when installed.
    if (spawnSync('sh', ['-c', 'command -v pdftotext'], { stdio: 'ignore' }).status !== 0) {
      console.warn('SKIPPED: pdftotext is not installed, so the alerts in the PDF reports were not checked');
      return;
    }
    const pdfText = (id: string) => spawnSync('pdftotext', [join(root, 'out2', 'reports', `${id}.pdf`), '-'], { encoding: 'utf8' }).stdout;
    const h02 = pdfText('H02');
    expect(h02).toContain('风险预警');
    expect(h02).toContain('NEW_VEHICLE');
    expect(pdfText('H01')).not.toContain('风险预警');
  });
});
