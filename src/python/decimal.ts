/** Python's `decimal.Decimal`, kept as text: JavaScript has no decimal type. */
import { InvalidArgumentError } from '../errors.js';

// The literals Decimal's constructor accepts (without its surrounding-space and underscore leniency).
const FINITE = /^([+-]?)(?=\.?[0-9])([0-9]*)(?:\.([0-9]*))?(?:e([+-]?[0-9]+))?$/i;
const SPECIAL = /^([+-]?)(?:(inf|infinity)|(s?)nan([0-9]*))$/i;

/** `str(Decimal(text))`: the scientific string of the General Decimal Arithmetic spec. */
function canonical(text: string): string | undefined {
  const special = SPECIAL.exec(text);
  if (special !== null) {
    const sign = special[1] === '-' ? '-' : '';
    if (special[2] !== undefined) return `${sign}Infinity`;
    return `${sign}${special[3] === '' ? '' : 's'}NaN${special[4]!.replace(/^0+/, '')}`;
  }
  const finite = FINITE.exec(text);
  if (finite === null) return undefined;
  const [, signText, whole = '', fraction = '', exponentText = '0'] = finite;
  const sign = signText === '-' ? '-' : '';
  const digits = (whole + fraction).replace(/^0+/, '') || '0';
  const exponent = BigInt(exponentText) - BigInt(fraction.length);
  const adjusted = exponent + BigInt(digits.length - 1);
  if (exponent <= 0n && adjusted >= -6n) {
    // Plain notation; here the exponent is small.
    const point = digits.length + Number(exponent);
    if (exponent === 0n) return sign + digits;
    if (point > 0) return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
    return `${sign}0.${'0'.repeat(-point)}${digits}`;
  }
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${mantissa}E${adjusted >= 0n ? '+' : '-'}${adjusted < 0n ? -adjusted : adjusted}`;
}

/**
 * A `decimal.Decimal`: `new PyDecimal('1.10')`. `value` is the text Python's
 * `str()` gives it (`'.5'` becomes `'0.5'`, `'1e3'` becomes `'1E+3'`), so trailing
 * zeros survive and equal PyDecimals are equal Python Decimals.
 */
export class PyDecimal {
  readonly value: string;

  constructor(value: string) {
    const text = typeof value === 'string' ? canonical(value) : undefined;
    if (text === undefined) throw new InvalidArgumentError('ERR_INVALID_VALUE', `Not a Python Decimal literal: ${JSON.stringify(String(value))}`);
    this.value = text;
  }

  toString(): string {
    return this.value;
  }
}
