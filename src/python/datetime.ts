/**
 * Python's `datetime` types as small immutable classes. JavaScript's `Date` cannot
 * stand in for them: it has no microseconds, no naive (zone-less) form, and no
 * date-only or time-only value. Constructors take Python's arguments in Python's
 * order and throw `InvalidArgumentError` for values Python would refuse.
 */
import { InvalidArgumentError } from '../errors.js';

const US_PER_DAY = 86_400_000_000n;
const MAX_DAYS = 999_999_999;

function check(valid: boolean, message: string): void {
  if (!valid) throw new InvalidArgumentError('ERR_INVALID_VALUE', message);
}

function checkInt(value: number, min: number, max: number, what: string): void {
  check(Number.isInteger(value) && value >= min && value <= max, `${what} must be an integer from ${min} to ${max}, got ${String(value)}`);
}

/** `datetime.timedelta`, normalized as Python does: 0 <= seconds < 86400 and 0 <= microseconds < 10**6. */
export class PyTimedelta {
  readonly days: number;
  readonly seconds: number;
  readonly microseconds: number;

  constructor(days = 0, seconds = 0, microseconds = 0) {
    for (const part of [days, seconds, microseconds]) check(Number.isSafeInteger(part), `timedelta parts must be safe integers, got ${String(part)}`);
    const total = BigInt(days) * US_PER_DAY + BigInt(seconds) * 1_000_000n + BigInt(microseconds);
    let whole = total / US_PER_DAY;
    if (total % US_PER_DAY < 0n) whole -= 1n; // floor, not truncation
    const rest = total - whole * US_PER_DAY;
    check(whole >= -MAX_DAYS && whole <= MAX_DAYS, `timedelta days must be within ±${MAX_DAYS}`);
    this.days = Number(whole);
    this.seconds = Number(rest / 1_000_000n);
    this.microseconds = Number(rest % 1_000_000n);
  }

  /** The whole span in microseconds. */
  totalMicroseconds(): bigint {
    return BigInt(this.days) * US_PER_DAY + BigInt(this.seconds * 1_000_000 + this.microseconds);
  }
}

/** `datetime.timezone`: a fixed offset from UTC (strictly within ±24 h) and an optional name. */
export class PyTimezone {
  static readonly utc = new PyTimezone(new PyTimedelta());

  constructor(
    readonly offset: PyTimedelta,
    readonly name: string | null = null,
  ) {
    check(offset instanceof PyTimedelta, 'timezone offset must be a PyTimedelta');
    const us = offset.totalMicroseconds();
    check(us > -US_PER_DAY && us < US_PER_DAY, 'timezone offset must be strictly between -24 and 24 hours');
    check(name === null || typeof name === 'string', 'timezone name must be a string or null');
  }
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function checkDate(year: number, month: number, day: number): void {
  checkInt(year, 1, 9999, 'year');
  checkInt(month, 1, 12, 'month');
  const days = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  checkInt(day, 1, days, 'day');
}

function checkTime(hour: number, minute: number, second: number, microsecond: number, tzinfo: PyTimezone | null, fold: number): void {
  checkInt(hour, 0, 23, 'hour');
  checkInt(minute, 0, 59, 'minute');
  checkInt(second, 0, 59, 'second');
  checkInt(microsecond, 0, 999_999, 'microsecond');
  check(tzinfo === null || tzinfo instanceof PyTimezone, 'tzinfo must be a PyTimezone or null');
  check(fold === 0 || fold === 1, 'fold must be 0 or 1');
}

/** The offset as Python's isoformat writes it: `+HH:MM`, with `:SS` and `.ffffff` only when needed. */
function offsetText(tzinfo: PyTimezone): string {
  const signed = Number(tzinfo.offset.totalMicroseconds());
  const us = Math.abs(signed);
  const seconds = Math.floor(us / 1e6);
  let text = `${signed < 0 ? '-' : '+'}${pad(Math.floor(seconds / 3600), 2)}:${pad(Math.floor(seconds / 60) % 60, 2)}`;
  if (us % 60e6 !== 0) text += `:${pad(seconds % 60, 2)}`;
  if (us % 1e6 !== 0) text += `.${pad(us % 1e6, 6)}`;
  return text;
}

function timeText(hour: number, minute: number, second: number, microsecond: number, tzinfo: PyTimezone | null): string {
  const fraction = microsecond === 0 ? '' : `.${pad(microsecond, 6)}`;
  return `${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}${fraction}${tzinfo === null ? '' : offsetText(tzinfo)}`;
}

/** A UTC `Date` for the given fields; `setUTCFullYear` because `Date.UTC` maps years 0-99 to 1900-1999. */
function utcDate(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, microsecond = 0): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, Math.floor(microsecond / 1000));
  return date;
}

/** `datetime.date`. */
export class PyDate {
  constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number,
  ) {
    checkDate(year, month, day);
  }

  /** Midnight UTC of this day. */
  toDate(): Date {
    return utcDate(this.year, this.month, this.day);
  }

  /** `YYYY-MM-DD`, as Python's isoformat. */
  toString(): string {
    return `${pad(this.year, 4)}-${pad(this.month, 2)}-${pad(this.day, 2)}`;
  }
}

/** `datetime.time`, naive when `tzinfo` is null. */
export class PyTime {
  constructor(
    readonly hour = 0,
    readonly minute = 0,
    readonly second = 0,
    readonly microsecond = 0,
    readonly tzinfo: PyTimezone | null = null,
    readonly fold: 0 | 1 = 0,
  ) {
    checkTime(hour, minute, second, microsecond, tzinfo, fold);
  }

  /** `HH:MM:SS[.ffffff][+HH:MM]`, as Python's isoformat. */
  toString(): string {
    return timeText(this.hour, this.minute, this.second, this.microsecond, this.tzinfo);
  }
}

/** `datetime.datetime`, naive when `tzinfo` is null. */
export class PyDateTime {
  constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number,
    readonly hour = 0,
    readonly minute = 0,
    readonly second = 0,
    readonly microsecond = 0,
    readonly tzinfo: PyTimezone | null = null,
    readonly fold: 0 | 1 = 0,
  ) {
    checkDate(year, month, day);
    checkTime(hour, minute, second, microsecond, tzinfo, fold);
  }

  /** The instant of a `Date`, as an aware datetime in UTC. */
  static fromDate(date: Date): PyDateTime {
    const ms = date.getTime();
    check(Number.isFinite(ms), 'Invalid Date');
    const year = date.getUTCFullYear();
    check(year >= 1 && year <= 9999, `Python datetimes span years 1 to 9999, got ${year}`);
    return new PyDateTime(
      year,
      date.getUTCMonth() + 1,
      date.getUTCDate(),
      date.getUTCHours(),
      date.getUTCMinutes(),
      date.getUTCSeconds(),
      date.getUTCMilliseconds() * 1000,
      PyTimezone.utc,
    );
  }

  /** The instant as a `Date` (microseconds truncated to milliseconds); a naive datetime is read as UTC. */
  toDate(): Date {
    const local = utcDate(this.year, this.month, this.day, this.hour, this.minute, this.second, this.microsecond);
    if (this.tzinfo === null) return local;
    // Both terms are small enough to be exact: the sub-millisecond part and an offset under a day.
    const shiftUs = (this.microsecond % 1000) - Number(this.tzinfo.offset.totalMicroseconds());
    return new Date(local.getTime() + Math.floor(shiftUs / 1000));
  }

  /** `YYYY-MM-DDTHH:MM:SS[.ffffff][+HH:MM]`, as Python's isoformat. */
  toString(): string {
    const date = `${pad(this.year, 4)}-${pad(this.month, 2)}-${pad(this.day, 2)}`;
    return `${date}T${timeText(this.hour, this.minute, this.second, this.microsecond, this.tzinfo)}`;
  }
}
