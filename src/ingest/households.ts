import { maskId } from '../identity/index.js';
import type { Db } from '../store/db.js';
import { kindSpecs } from './columns.js';

/** R1: relations read as 本人 when no row of the application says 本人. */
const selfAliases = ['户主', '申请人'];
const householdColumns = ['region_code', 'area_type', 'program', 'application_date', 'current_recipient'] as const;
const label = (key: string) => kindSpecs.applicants.columns.find((c) => c.key === key)!.label;

interface MemberRow {
  row_id: number;
  file_id: number;
  line: number;
  file_name: string;
  application_id: string;
  relation: string;
  id_number: string;
  region_code: string | null;
  area_type: string | null;
  program: string | null;
  application_date: string | null;
  current_recipient: number;
}

interface Problem {
  column: string | null;
  detail: string;
}

/**
 * R1 household consistency over every application of the batch: exactly one 本人, household-level columns agreeing
 * with 本人's row, no ID twice, and no rejected row. A failing application is moved whole to the rejections
 * (HOUSEHOLD_INCONSISTENT, each row logged) so a partial household is never assessed. A DUPLICATE_ROW cascades too:
 * R1 says any rejected row does, and an exact copy of a member row is also that ID twice in one application.
 * Returns the number of rows moved; `onSelf` hears each kept application's 本人 row (the match cache routes by it).
 */
export function enforceHouseholdConsistency(db: Db, batchId: number, onSelf?: (fileId: number, line: number) => void): number {
  const rejectedApps = new Map<string, { file: string; line: number; code: string }>();
  for (const r of db
    .prepare(
      `SELECT r.application_id AS app, f.name AS file, r.line, r.code FROM rejections r JOIN files f ON f.id = r.file_id
        WHERE f.batch_id = ? AND f.kind = 'applicants' AND r.application_id IS NOT NULL
          AND r.code <> 'HOUSEHOLD_INCONSISTENT' ORDER BY f.name, r.line`,
    )
    .iterate(batchId) as Iterable<{ app: string; file: string; line: number; code: string }>) {
    if (!rejectedApps.has(r.app)) rejectedApps.set(r.app, r);
  }

  const rows = db
    .prepare(
      `SELECT a.row_id, a.file_id, a.line, f.name AS file_name, a.application_id, a.relation, a.id_number,
              a.region_code, a.area_type, a.program, a.application_date, a.current_recipient
         FROM applicants a JOIN files f ON f.id = a.file_id
        WHERE a.batch_id = ? ORDER BY a.application_id, f.name, a.file_id, a.line`,
    )
    .all(batchId) as MemberRow[];

  const moveOut = db.prepare(`DELETE FROM applicants WHERE row_id = ?`);
  const reject = db.prepare(
    `INSERT INTO rejections (file_id, line, "column", code, message, hint, raw, application_id)
     SELECT file_id, line, ?, 'HOUSEHOLD_INCONSISTENT', ?, ?, raw, application_id FROM applicants WHERE row_id = ?`,
  );
  const markSelf = db.prepare(`UPDATE applicants SET is_self = ? WHERE row_id = ?`);
  let moved = 0;

  db.transaction(() => {
    for (let i = 0; i < rows.length; ) {
      let j = i;
      while (j < rows.length && rows[j]!.application_id === rows[i]!.application_id) j++;
      const members = rows.slice(i, j);
      i = j;
      const appId = members[0]!.application_id;
      const earlier = rejectedApps.get(appId);
      const problem: Problem | undefined = earlier
        ? { column: null, detail: `同一申请在 ${earlier.file} 第 ${earlier.line} 行有被拒收的行（${earlier.code}），整户不予核对` }
        : checkMembers(members);
      if (!problem) {
        const self = findSelf(members)!;
        for (const m of members) markSelf.run(m === self ? 1 : 0, m.row_id);
        onSelf?.(self.file_id, self.line);
        continue;
      }
      for (const m of members) {
        reject.run(
          problem.column,
          `家庭信息不一致：申请“${appId}”${problem.detail}`,
          '整户已拒收；请按提示修正该申请的所有行后重新导入',
          m.row_id,
        );
        moveOut.run(m.row_id);
        moved++;
      }
    }
  })();
  return moved;
}

function findSelf(members: MemberRow[]): MemberRow | undefined {
  const selves = members.filter((m) => m.relation === '本人');
  if (selves.length > 0) return selves.length === 1 ? selves[0] : undefined;
  const aliases = members.filter((m) => selfAliases.includes(m.relation));
  return aliases.length === 1 ? aliases[0] : undefined;
}

function checkMembers(members: MemberRow[]): Problem | undefined {
  const selves = members.filter((m) => m.relation === '本人');
  const aliases = members.filter((m) => selfAliases.includes(m.relation));
  if (selves.length > 1) {
    return { column: label('relation'), detail: `有 ${selves.length} 行写为“本人”（${lines(selves)}），每户只能有一位本人` };
  }
  if (selves.length === 0 && aliases.length !== 1) {
    return {
      column: label('relation'),
      detail:
        aliases.length === 0
          ? '没有“本人”（或户主/申请人）这一行；若本人行在另一个申请名单文件中，请把这些文件放在同一批次文件夹或同一条 hedui import 命令中一起导入'
          : `没有“本人”，且有 ${aliases.length} 行写为户主/申请人（${lines(aliases)}）`,
    };
  }
  const self = findSelf(members)!;
  for (const key of householdColumns) {
    if (key !== 'current_recipient' && self[key] === null) {
      return { column: label(key), detail: `本人行（${self.file_name} 第 ${self.line} 行）缺少“${label(key)}”` };
    }
  }
  for (const m of members) {
    if (m === self) continue;
    for (const key of householdColumns) {
      const v = m[key];
      // current_recipient is a bool whose blank reads as 否, so only a 是 on another row can disagree.
      const differs = key === 'current_recipient' ? v === 1 && self[key] !== 1 : v !== null && v !== self[key];
      if (differs) {
        return {
          column: label(key),
          detail: `第 ${m.line} 行的“${label(key)}”（${show(key, v)}）与本人行（${show(key, self[key])}）不一致`,
        };
      }
    }
  }
  const seen = new Map<string, MemberRow>();
  for (const m of members) {
    const first = seen.get(m.id_number);
    if (first) {
      return { column: label('id_number'), detail: `身份证号 ${maskId(m.id_number)} 出现了两次（第 ${first.line} 行和第 ${m.line} 行）` };
    }
    seen.set(m.id_number, m);
  }
  return undefined;
}

const show = (key: string, v: string | number | null) => (key === 'current_recipient' ? (v === 1 ? '是' : '否') : String(v));
const lines = (ms: MemberRow[]) => ms.map((m) => `第 ${m.line} 行`).join('、');
