/**
 * The packed state bytes `datetime` objects pickle as (CPython's `_getstate`):
 * year as 2 bytes big-endian, then one byte per field, microseconds as 3 bytes
 * big-endian. From protocol 4 on, `fold` rides in the top bit of the month byte
 * (datetime) or the hour byte (time).
 */
import { PyDate, PyDateTime, PyTime, type PyTimezone } from './datetime.js';

export const DATE_STATE_SIZE = 4;
export const TIME_STATE_SIZE = 6;
export const DATETIME_STATE_SIZE = 10;

export function packDate(date: PyDate): Buffer {
  return Buffer.from([date.year >> 8, date.year & 0xff, date.month, date.day]);
}

export function unpackDate(state: Buffer): PyDate {
  return new PyDate(state.readUInt16BE(0), state[2]!, state[3]!);
}

export function packTime(time: PyTime, withFold: boolean): Buffer {
  const hour = time.hour | (withFold && time.fold === 1 ? 0x80 : 0);
  return Buffer.from([hour, time.minute, time.second, ...microsecondBytes(time.microsecond)]);
}

export function unpackTime(state: Buffer, tzinfo: PyTimezone | null): PyTime {
  const hourByte = state[0]!;
  return new PyTime(hourByte & 0x7f, state[1], state[2], state.readUIntBE(3, 3), tzinfo, hourByte > 0x7f ? 1 : 0);
}

export function packDateTime(dt: PyDateTime, withFold: boolean): Buffer {
  const month = dt.month | (withFold && dt.fold === 1 ? 0x80 : 0);
  return Buffer.from([dt.year >> 8, dt.year & 0xff, month, dt.day, dt.hour, dt.minute, dt.second, ...microsecondBytes(dt.microsecond)]);
}

export function unpackDateTime(state: Buffer, tzinfo: PyTimezone | null): PyDateTime {
  const monthByte = state[2]!;
  const us = state.readUIntBE(7, 3);
  return new PyDateTime(state.readUInt16BE(0), monthByte & 0x7f, state[3]!, state[4], state[5], state[6], us, tzinfo, monthByte > 0x7f ? 1 : 0);
}

function microsecondBytes(us: number): number[] {
  return [us >> 16, (us >> 8) & 0xff, us & 0xff];
}
