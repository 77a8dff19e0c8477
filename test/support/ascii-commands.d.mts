import type { Socket } from 'node:net';

/** The commands followed by a data block. */
export const STORAGE_COMMANDS: ReadonlySet<string>;

/** Calls `onCommand` for each complete command a client sends on `socket`, in order. */
export function readAsciiCommands(socket: Socket, onCommand: (line: string, data: Buffer | undefined) => void): void;
