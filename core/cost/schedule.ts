/**
 * How often a schedule fires per month, computed from its `rate()` or `cron()` expression.
 *
 * Syntax follows EventBridge ("Schedule expressions for rules" and EventBridge Scheduler
 * "Schedule types"): `rate(value unit)` with unit minute(s) | hour(s) | day(s), and a six-field
 * `cron(minutes hours day-of-month month day-of-week year)` where one of day-of-month /
 * day-of-week must be `?`, day-of-week 1–7 is SUN–SAT, and `L`, `W` and `#` are supported.
 * Times are UTC. `at(...)` is a one-time schedule, so it contributes nothing per month.
 *
 * A month is `hoursPerMonth` hours long (730 by default: 8,760 h / 12). For calendar-dependent
 * crons the count is the exact long-run average: matching days are counted over the 28-year
 * Gregorian weekday/leap cycle (2001–2028) and scaled to the month length.
 */

export interface ScheduleRate {
  /** Firings per month (an exact average; may be fractional for calendar schedules). */
  perMonth: number;
  /** The expression in words, for the assumptions list. */
  description: string;
}

export class ScheduleExpressionError extends Error {}

const MINUTES_PER_UNIT: Record<string, number> = { minute: 1, minutes: 1, hour: 60, hours: 60, day: 1440, days: 1440 };

const MONTH_NAMES = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/** Firings per month for a schedule expression. Throws ScheduleExpressionError when it cannot be read. */
export function firingsPerMonth(expression: string, hoursPerMonth = 730): ScheduleRate {
  const text = expression.trim();
  const rate = /^rate\(\s*(\d+)\s+([a-zA-Z]+)\s*\)$/.exec(text);
  if (rate) {
    const value = Number(rate[1]);
    const unit = rate[2].toLowerCase();
    const minutes = MINUTES_PER_UNIT[unit];
    if (!minutes) throw new ScheduleExpressionError(`unknown rate unit "${rate[2]}" in ${text}`);
    if (value <= 0) throw new ScheduleExpressionError(`rate value must be positive in ${text}`);
    const every = value * minutes;
    return { perMonth: (hoursPerMonth * 60) / every, description: `every ${value} ${unit}` };
  }
  const cron = /^cron\((.*)\)$/.exec(text);
  if (cron) return cronFiringsPerMonth(cron[1].trim(), hoursPerMonth);
  if (/^at\(.*\)$/.test(text)) return { perMonth: 0, description: "once (one-time schedule), not counted per month" };
  throw new ScheduleExpressionError(`not a rate(), cron() or at() expression: ${text}`);
}

interface DayRule {
  test(year: number, month: number, day: number, weekday: number, daysInMonth: number): boolean;
}

function cronFiringsPerMonth(body: string, hoursPerMonth: number): ScheduleRate {
  const fields = body.split(/\s+/);
  if (fields.length !== 6) throw new ScheduleExpressionError(`cron needs 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}: cron(${body})`);
  const [minF, hourF, domF, monF, dowF, yearF] = fields;
  if (domF !== "?" && dowF !== "?") throw new ScheduleExpressionError(`cron(${body}): one of day-of-month or day-of-week must be "?"`);
  const minutes = parseList(minF, 0, 59, []);
  const hours = parseList(hourF, 0, 23, []);
  const months = parseList(monF, 1, 12, MONTH_NAMES);
  const perDay = minutes.size * hours.size;
  const dayRule = domF !== "?" ? dayOfMonthRule(domF) : dayOfWeekRule(dowF);
  const years = yearF === "*" ? null : parseList(yearF, 1970, 2199, []);

  // Count matching days over 2001-01-01 … 2028-12-31: weekdays and leap years repeat every 28
  // years inside 1901–2099, so this is the exact long-run share of matching days.
  let matchingDays = 0;
  let totalDays = 0;
  let weekday = 1; // 2001-01-01 was a Monday (0 = Sunday).
  for (let year = 2001; year <= 2028; year++) {
    for (let month = 1; month <= 12; month++) {
      const dim = daysIn(year, month);
      for (let day = 1; day <= dim; day++) {
        totalDays++;
        if (months.has(month) && dayRule.test(year, month, day, weekday, dim)) matchingDays++;
        weekday = (weekday + 1) % 7;
      }
    }
  }
  // A year field narrows which years fire; averaged over the cycle it would be misleading, so a
  // schedule limited to specific years is counted as if it ran every year (said in words).
  const perHour = (matchingDays * perDay) / (totalDays * 24);
  const yearNote = years ? `; year field ${yearF} ignored (counted as every year)` : "";
  return {
    perMonth: perHour * hoursPerMonth,
    description: `${perDay} time(s) a day on ${((matchingDays / totalDays) * 100).toFixed(1)}% of days (UTC)${yearNote}`,
  };
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function nameToNumber(token: string, names: string[], offset: number): number {
  const index = names.indexOf(token.toUpperCase());
  if (index >= 0) return index + offset;
  if (!/^\d+$/.test(token)) throw new ScheduleExpressionError(`cannot read "${token}" in a cron field`);
  return Number(token);
}

/** Parse `*`, `a`, `a-b`, `a/n`, `a-b/n`, `*\/n` and comma lists into the set of values. */
function parseList(field: string, min: number, max: number, names: string[], offset = 1): Set<number> {
  const values = new Set<number>();
  for (const part of field.split(",")) {
    const [range, stepText] = part.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step <= 0) throw new ScheduleExpressionError(`bad step in cron field "${field}"`);
    let from: number;
    let to: number;
    if (range === "*") {
      from = min;
      to = max;
    } else if (range.includes("-")) {
      const [a, b] = range.split("-");
      from = nameToNumber(a, names, offset);
      to = nameToNumber(b, names, offset);
    } else {
      from = nameToNumber(range, names, offset);
      // "a/n" means from a to the end of the range in steps of n.
      to = stepText === undefined ? from : max;
    }
    if (from < min || to > max || from > to) throw new ScheduleExpressionError(`value out of range in cron field "${field}" (${min}–${max})`);
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

function dayOfMonthRule(field: string): DayRule {
  if (field === "*") return { test: () => true };
  if (field === "L") return { test: (_y, _m, day, _w, dim) => day === dim };
  if (field === "LW") return { test: (_y, _m, day, weekday, dim) => day === nearestWeekday(dim, dim, weekday, day) };
  const w = /^(\d+)W$/.exec(field);
  if (w) {
    const target = Number(w[1]);
    return { test: (_y, _m, day, weekday, dim) => day === nearestWeekday(Math.min(target, dim), dim, weekday, day) };
  }
  const days = parseList(field, 1, 31, []);
  return { test: (_y, _m, day) => days.has(day) };
}

/**
 * The weekday nearest to `target` in the month (never crossing into another month), found
 * from the weekday of `day`.
 */
function nearestWeekday(target: number, dim: number, weekdayOfDay: number, day: number): number {
  const weekdayOfTarget = (((weekdayOfDay + (target - day)) % 7) + 7) % 7;
  if (weekdayOfTarget === 6) return target === 1 ? 3 : target - 1; // Saturday → Friday, or Monday the 3rd.
  if (weekdayOfTarget === 0) return target === dim ? target - 2 : target + 1; // Sunday → Monday, or Friday.
  return target;
}

function dayOfWeekRule(field: string): DayRule {
  if (field === "*") return { test: () => true };
  const nth = /^([A-Za-z]+|\d)#(\d)$/.exec(field);
  if (nth) {
    const weekday = nameToNumber(nth[1], DAY_NAMES, 1) - 1;
    const n = Number(nth[2]);
    return { test: (_y, _m, day, wd) => wd === weekday && Math.ceil(day / 7) === n };
  }
  const last = /^([A-Za-z]+|\d)L$/.exec(field);
  if (last) {
    const weekday = nameToNumber(last[1], DAY_NAMES, 1) - 1;
    return { test: (_y, _m, day, wd, dim) => wd === weekday && day + 7 > dim };
  }
  if (field === "L") return { test: (_y, _m, _d, wd) => wd === 6 }; // L alone in day-of-week = Saturday (7).
  const days = parseList(field, 1, 7, DAY_NAMES);
  return { test: (_y, _m, _d, wd) => days.has(wd + 1) };
}
