/**
 * R12 特困 labour capacity: 本人 must lack labour capacity — age ≥ 60 or < tekun_minor_age (周岁 at application_date,
 * src/identity ageOn), or a disability (type, grade) listed in tekun_disabilities (default: 智力/精神 一–三级,
 * 肢体 一–二级, 视力 一级). Otherwise LABOUR_CAPACITY. The age 60 is 民发〔2021〕43号's own (老年人), not a local value.
 */
import { ageOn } from '../../identity/age.js';
import type { PolicyParams } from '../../policy/resolve.js';
import type { DisabilityGrade, DisabilityType } from '../../policy/types.js';
import type { MemberInput } from '../input.js';
import type { TraceLabour, TraceTest } from '../trace.js';

export const elderlyAge = 60;

export function labourCapacity(self: MemberInput, params: PolicyParams, applicationDate: string): TraceLabour {
  const age = self.birthDate === null ? null : ageOn(self.birthDate, applicationDate);
  const disability = self.disabilityGrade === null ? null : `${self.disabilityType ?? ''}残疾${self.disabilityGrade}`;
  const listed =
    self.disabilityType !== null &&
    self.disabilityGrade !== null &&
    (params.tekunDisabilities[self.disabilityType as DisabilityType] ?? []).includes(self.disabilityGrade as DisabilityGrade);
  const grounds: string[] = [];
  if (age !== null && age >= elderlyAge) grounds.push(`年满 ${elderlyAge} 周岁（${age} 周岁）`);
  if (age !== null && age < params.tekunMinorAge) grounds.push(`未满 ${params.tekunMinorAge} 周岁（${age} 周岁）`);
  if (listed) grounds.push(`${disability ?? ''}，属于特困认定的残疾类别等级`);
  if (grounds.length > 0) return { age, disability, why: grounds.join('；'), lacksCapacity: true };
  const ageText = age === null ? '年龄不详' : `${age} 周岁（不小于 ${params.tekunMinorAge} 且小于 ${elderlyAge}）`;
  const disText = disability === null ? '无残疾' : `${disability}不在特困认定的残疾类别等级内`;
  return { age, disability, why: `${ageText}，${disText}`, lacksCapacity: false };
}

/** The R12 test (the same in both bounds: it rests on the applicant list, not on matched evidence). */
export function labourTest(labour: TraceLabour, params: PolicyParams, self: MemberInput): TraceTest {
  const formula = `${labour.why}，${labour.lacksCapacity ? '通过' : '不通过'}`;
  return {
    id: 'labour_capacity',
    rule: 'R12',
    name: '劳动能力（特困）',
    unit: 'flag',
    threshold: null,
    thresholdText: `年满 ${elderlyAge} 周岁、未满 ${params.tekunMinorAge} 周岁，或属于特困认定的残疾类别等级`,
    lower: { pass: labour.lacksCapacity, actual: labour.age, formula },
    upper: { pass: labour.lacksCapacity, actual: labour.age, formula },
    evidence: [self.ref],
    suspect: [],
  };
}
