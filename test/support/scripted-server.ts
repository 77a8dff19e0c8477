/**
 * A fake memcached that understands the framing of ASCII commands (a command
 * line, and a data block for storage commands) and answers each command as a
 * script says: for what no real server does, such as closing the connection
 * or answering garbage halfway through a pipeline.
 */
import { readAsciiCommands, STORAGE_COMMANDS } from './ascii-commands.mjs';
import { type FakeServer, fakeServer } from './util.js';

export interface ScriptedCommand {
  /** The command line, without \r\n. */
  line: string;
  /** Commands seen before this one on the same connection. */
  index: number;
  /** Connections accepted before this one. */
  connection: number;
}

/** The reply to send (with its \r\n), `'close'` to drop the connection, or `''` for none. */
export type Script = (command: ScriptedCommand) => string;

/** Answers as memcached would for the framing: STORED, DELETED, TOUCHED, numbers, VERSION. */
export function plainReply(line: string): string {
  const [name = '', , third] = line.split(' ');
  if (line.endsWith(' noreply')) return '';
  if (STORAGE_COMMANDS.has(name)) return 'STORED\r\n';
  if (name === 'delete') return 'DELETED\r\n';
  if (name === 'touch') return 'TOUCHED\r\n';
  if (name === 'incr' || name === 'decr') return `${third}\r\n`;
  if (name === 'version') return 'VERSION 1.6.0-scripted\r\n';
  return 'ERROR\r\n';
}

export function scriptedServer(script: Script): Promise<FakeServer> {
  let connections = 0;
  return fakeServer((socket) => {
    const connection = connections++;
    let index = 0;
    readAsciiCommands(socket, (line) => {
      const reply = script({ line, index: index++, connection });
      if (reply === 'close') socket.destroy();
      else if (reply) socket.write(reply);
    });
  });
}
