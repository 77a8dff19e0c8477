/**
 * Python 3's `repr()` of a `bytes` object, e.g. b'foo' or b"it's". pymemcache's
 * HashClient formats bytes keys with "%s", so the hashed text is this repr.
 */

/** Hex digits in lower case, as CPython prints `\xNN`. */
function hexByte(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

export function pythonBytesRepr(data: Uint8Array): string {
  // CPython prefers single quotes, switching to double quotes only when that avoids
  // escaping: the data has a ' but no ".
  const hasSingle = data.includes(0x27);
  const hasDouble = data.includes(0x22);
  const quote = hasSingle && !hasDouble ? 0x22 : 0x27;

  let body = '';
  for (const byte of data) {
    if (byte === quote || byte === 0x5c) body += '\\' + String.fromCharCode(byte);
    else if (byte === 0x09) body += '\\t';
    else if (byte === 0x0a) body += '\\n';
    else if (byte === 0x0d) body += '\\r';
    else if (byte < 0x20 || byte >= 0x7f) body += '\\x' + hexByte(byte);
    else body += String.fromCharCode(byte);
  }
  const q = String.fromCharCode(quote);
  return `b${q}${body}${q}`;
}
