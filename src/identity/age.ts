import { isLeapYear, parseIsoDate } from './calendar.js';

/**
 * Completed years (周岁) at `onDate`, both `YYYY-MM-DD`. Money, rounding, dates (rules.md): the birthday itself
 * counts, and a 29 February birthday falls on 1 March in common years. Negative when `onDate` is before the birth;
 * R3 reports a birth after the application date separately, so this does not clamp.
 */
export function ageOn(birthDate: string, onDate: string): number {
  const birth = parseIsoDate(birthDate);
  const on = parseIsoDate(onDate);
  const leapDayInCommonYear = birth.month === 2 && birth.day === 29 && !isLeapYear(on.year);
  const birthdayMonth = leapDayInCommonYear ? 3 : birth.month;
  const birthdayDay = leapDayInCommonYear ? 1 : birth.day;
  const birthdayReached = on.month > birthdayMonth || (on.month === birthdayMonth && on.day >= birthdayDay);
  return on.year - birth.year - (birthdayReached ? 0 : 1);
}
