/**
 * Decoding stored text. V8 decodes UTF-8 a byte at a time; from about a
 * kilobyte on, asking first whether the bytes are all ASCII (a vectorised scan
 * in Node) and, when they are, copying them as Latin-1 (the same characters)
 * takes a third less time. Below that the extra call costs more than it saves.
 *
 * A large value read into memory of its own becomes the string without any
 * copy: V8 copies a string of 128 KiB or more into pages it maps for it alone,
 * so a 500 KB copy cost more in page faults than in copying.
 */
import { isAscii } from 'node:buffer';

import { binding } from './engine/native.js';

const ASCII_CHECK_FROM = 1024;

/** The bytes as UTF-8 text, malformed sequences replaced by U+FFFD as Buffer#toString does. */
export function utf8Text(bytes: Buffer): string {
  return asciiText(bytes) ?? bytes.toString('utf8');
}

/** The text of bytes long enough to be worth the check and all ASCII; undefined otherwise. */
export function asciiText(bytes: Buffer): string | undefined {
  if (bytes.length < ASCII_CHECK_FROM || !isAscii(bytes)) return undefined;
  return (bytes.length >= binding.ownValueFrom ? binding.asciiStringOf(bytes) : undefined) ?? bytes.toString('latin1');
}
