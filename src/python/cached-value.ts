/**
 * dogpile.cache's `CachedValue(payload, metadata)`: the pickled namedtuple every
 * dogpile.cache region stores, with metadata `{ ct: creation time in Unix
 * seconds, v: format version }`.
 */
export class CachedValue<T = unknown> {
  constructor(
    readonly payload: T,
    readonly metadata: Record<string, unknown>,
  ) {}
}
