import { describe, expect, it } from "vitest";
import { firingsPerMonth, ScheduleExpressionError } from "./schedule";

describe("schedule expressions over a 730-hour month", () => {
  it("fires 8,760 times for rate(5 minutes)", () => {
    expect(firingsPerMonth("rate(5 minutes)").perMonth).toBe(8760);
  });

  it("fires 730 times for rate(1 hour) and 43,800 times for rate(1 minute)", () => {
    expect(firingsPerMonth("rate(1 hour)").perMonth).toBe(730);
    expect(firingsPerMonth("rate(1 minute)").perMonth).toBe(43800);
  });

  it("fires 730/24 times a month for a daily cron at noon", () => {
    expect(firingsPerMonth("cron(0 12 * * ? *)").perMonth).toBeCloseTo(730 / 24, 9);
  });

  it("counts 40 firings per weekday for every 15 minutes between 08:00 and 17:59 on MON-FRI", () => {
    // 4 firings an hour × 10 hours × 5 of 7 days, scaled from a week (168 h) to 730 h.
    const expected = (40 * 5 * 730) / 168;
    expect(firingsPerMonth("cron(0/15 8-17 ? * MON-FRI *)").perMonth).toBeCloseTo(expected, 1);
  });

  it("fires about once a month for the first day of every month and 12 times a year overall", () => {
    const monthly = firingsPerMonth("cron(0 0 1 * ? *)").perMonth;
    expect(monthly).toBeCloseTo((12 * 730) / 8766, 2);
  });

  it("counts the last day of the month and the last Friday once a month each", () => {
    const yearHours = 365.25 * 24;
    expect(firingsPerMonth("cron(30 23 L * ? *)", yearHours / 12).perMonth).toBeCloseTo(1, 6);
    expect(firingsPerMonth("cron(0 9 ? * 6L *)", yearHours / 12).perMonth).toBeCloseTo(1, 6);
    expect(firingsPerMonth("cron(0 9 ? * MON#1 *)", yearHours / 12).perMonth).toBeCloseTo(1, 6);
  });

  it("fires on weekends only when day-of-week is SAT,SUN (1 and 7)", () => {
    const weekend = firingsPerMonth("cron(0 6 ? * SAT,SUN *)").perMonth;
    const numeric = firingsPerMonth("cron(0 6 ? * 1,7 *)").perMonth;
    expect(weekend).toBeCloseTo((2 * 730) / 168, 1);
    expect(numeric).toBe(weekend);
  });

  it("scales with the month length chosen", () => {
    expect(firingsPerMonth("rate(1 day)", 744).perMonth).toBe(31);
  });

  it("counts a one-time at() schedule as nothing per month", () => {
    expect(firingsPerMonth("at(2026-12-01T10:00:00)").perMonth).toBe(0);
  });

  it("refuses expressions it cannot read, naming the problem", () => {
    expect(() => firingsPerMonth("rate(5 fortnights)")).toThrow(ScheduleExpressionError);
    expect(() => firingsPerMonth("cron(0 12 * * *)")).toThrow(/6 fields/);
    expect(() => firingsPerMonth("cron(0 12 1 * MON *)")).toThrow(/"\?"/);
    expect(() => firingsPerMonth("every day")).toThrow(/not a rate/);
  });
});
