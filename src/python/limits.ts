/** Bounds shared by the pickle encoder, the pickle decoder and the Python codec. */

/**
 * Deepest nesting of containers accepted in either direction. CPython's pickler
 * cannot write much deeper (it recurses once per level and stops near 1000), and
 * JavaScript code that walks a value recursively overflows far above it.
 */
export const MAX_DEPTH = 1000;

/**
 * Longest decimal integer text accepted: CPython 3.11 refuses to convert more
 * digits than this (`sys.int_info.default_max_str_digits`), so no Python peer
 * writes one, and parsing a longer one costs quadratic time.
 */
export const MAX_INT_DIGITS = 4300;
