/**
 * The interactive prompt (node:readline): `cr> ` like crash, continuation lines until the
 * statement ends with `;` (a line starting with `\` runs at once), Tab completion, history kept
 * across sessions.
 *
 *   Ctrl-C  while typing: discard the statement; while one runs: cancel it (KILL over a second
 *           connection, so the session and its SET values survive)
 *   Ctrl-D  on an empty line: quit ("Bye!")
 */
import { createInterface, type Interface } from 'node:readline';
import { SqlCompleter } from './completer.js';
import { History } from './history.js';
import { ExitRequest, type Shell } from './shell.js';
import { isComplete, toSingleLine } from './statements.js';

export const PROMPT = 'cr> ';
export const CONTINUATION_PROMPT = '  > ';

export interface ReplOptions {
  historyFile: string;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

export async function runRepl(shell: Shell, options: ReplOptions): Promise<number> {
  const history = new History(options.historyFile);
  const completer = new SqlCompleter(shell);
  await completer.refresh();
  shell.onSchemaChange = () => { void completer.refresh(); };

  const rl: Interface = createInterface({
    input: options.input ?? process.stdin,
    output: options.output ?? process.stdout,
    terminal: true,
    prompt: PROMPT,
    completer: (line: string) => completer.complete(line),
    // readline adds nothing by itself: a multi-line statement becomes one entry (below).
    history: [...history.entries],
    historySize: 0,
    tabSize: 4,
  });
  const rlHistory = (): string[] => (rl as unknown as { history: string[] }).history;

  let buffer: string[] = [];
  rl.on('SIGINT', () => {
    if (shell.running) {
      void shell.running.cancel();
      return;
    }
    if (buffer.length > 0 || rl.line.length > 0) {
      buffer = [];
      process.stdout.write('^C\n');
      rl.setPrompt(PROMPT);
      rl.write(null, { ctrl: true, name: 'u' });
      rl.prompt();
      return;
    }
    process.stdout.write('^C\n');
    shell.io.warn('(To exit, press Ctrl-D or type \\q)');
    rl.prompt();
  });

  rl.prompt();
  try {
    for await (const line of rl) {
      buffer.push(line);
      const text = buffer.join('\n');
      const isCommand = buffer[0]!.trimStart().startsWith('\\');
      if (!isCommand && !isComplete(text)) {
        rl.setPrompt(CONTINUATION_PROMPT);
        rl.prompt();
        continue;
      }
      buffer = [];
      if (text.trim() !== '') {
        const entry = toSingleLine(text);
        history.add(entry);
        const h = rlHistory();
        const at = h.indexOf(entry);
        if (at >= 0) h.splice(at, 1);
        h.unshift(entry);
        // Input stays live while the statement runs, so Ctrl-C reaches the SIGINT handler.
        await shell.process(text);
      }
      rl.setPrompt(PROMPT);
      rl.prompt();
    }
  } catch (e) {
    if (e instanceof ExitRequest) {
      rl.close();
      return e.code;
    }
    throw e;
  }
  // Ctrl-D
  process.stdout.write('\n');
  shell.io.warn('Bye!');
  return shell.exitCode;
}
