/**
 * `cratelite shell`: a SQL shell compatible with crash, CrateDB's shell (crate/crash
 * docs/run.rst), talking HTTP `/_sql` — so it works against a real CrateDB too.
 *
 *   options → connect (GET / on each host; "CONNECT OK" on stderr) →
 *     --sysinfo | -c STMT | -f FILE | statements from stdin (not a terminal) | interactive prompt
 *
 * Results go to stdout in the chosen format; status lines ("SELECT 1 row in set (0.001 sec)"),
 * errors and messages to stderr. Exit code 1 when any statement failed or no server answered.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CRATELITE_VERSION } from '../session/version.js';
import { FORMATS, isFormat, type Format } from './shell/formats.js';
import { defaultHistoryPath } from './shell/history.js';
import { runRepl } from './shell/repl.js';
import { ExitRequest, Shell, type ShellIO } from './shell/shell.js';
import { normalizeHost } from './shell/sql-client.js';
import { UsageError } from './usage-error.js';

export const SHELL_USAGE = `Usage: cratelite shell [options]

A SQL shell for cratelite and CrateDB, compatible with crash: same options, output formats,
status lines and backslash commands (type \\? at the prompt). It talks HTTP /_sql.

Options:
  --hosts HOST [HOST…]  servers to connect to (default localhost:4200; 'host', ':port',
                        'host:port' or a URL)
  -c, --command STMT    run STMT (one or more statements, or \\commands) and exit
  -f, --file FILE       run the statements in FILE and exit
  --format FORMAT       output format: ${FORMATS.join(', ')} (default tabular)
  --schema SCHEMA       default schema for the statements
  -U, --username USER   authenticate as USER (password from $CRATEPW)
  -W, --password        ask for the password
  --history FILE        history file (default ${defaultHistoryPath().replace(process.env.HOME ?? '\0', '~')})
  -v, --verbose         show server details on connect and error traces
  -A, --no-autocomplete turn Tab completion off
  --sysinfo             print system and cluster information and exit
  --timeout SECONDS     connect timeout (default 5)
  --version             print the version and exit
  -h, --help            show this help

Without -c, -f or --sysinfo, statements are read from stdin when it is not a terminal, else
the interactive prompt starts.
`;

interface ShellArgs {
  help: boolean;
  version: boolean;
  hosts: string[];
  command?: string;
  file?: string;
  format: Format;
  schema?: string;
  username?: string;
  askPassword: boolean;
  history?: string;
  verbose: boolean;
  autocomplete: boolean;
  sysinfo: boolean;
  timeoutMs: number;
}

export function parseShellArgs(args: readonly string[]): ShellArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
        hosts: { type: 'string', multiple: true },
        command: { type: 'string', short: 'c' },
        file: { type: 'string', short: 'f' },
        format: { type: 'string' },
        schema: { type: 'string' },
        username: { type: 'string', short: 'U' },
        password: { type: 'boolean', short: 'W' },
        history: { type: 'string' },
        verbose: { type: 'boolean', short: 'v', multiple: true },
        'no-autocomplete': { type: 'boolean', short: 'A' },
        autocapitalize: { type: 'boolean', short: 'a' },
        sysinfo: { type: 'boolean' },
        timeout: { type: 'string' },
      },
      strict: true,
      allowPositionals: true,
      tokens: true,
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  // crash takes `--hosts a b c`: positionals right after --hosts are more hosts.
  const hosts: string[] = [];
  let afterHosts = false;
  for (const token of parsed.tokens ?? []) {
    if (token.kind === 'option') {
      afterHosts = token.name === 'hosts';
      if (afterHosts && token.value !== undefined) hosts.push(...token.value.split(/\s+/).filter((h) => h !== ''));
    } else if (token.kind === 'positional') {
      if (!afterHosts) throw new UsageError(`unexpected argument [${token.value}]`);
      hosts.push(token.value);
    }
  }
  const v = parsed.values;
  const format = v.format ?? 'tabular';
  if (!isFormat(format)) throw new UsageError(`argument --format: invalid choice: '${format}' (choose from ${FORMATS.map((f) => `'${f}'`).join(', ')})`);
  let timeoutMs = 5000;
  if (v.timeout !== undefined) {
    const first = v.timeout.split(',')[0]!;
    if (!/^-?\d+(\.\d+)?$/.test(first)) throw new UsageError(`invalid --timeout [${v.timeout}]: expected seconds`);
    timeoutMs = Number(first) < 0 ? 0 : Number(first) * 1000;
  }
  return {
    help: v.help === true,
    version: v.version === true,
    hosts: hosts.length > 0 ? hosts : ['localhost:4200'],
    command: v.command,
    file: v.file,
    format,
    schema: v.schema,
    username: v.username,
    askPassword: v.password === true,
    history: v.history,
    verbose: (v.verbose?.length ?? 0) > 0,
    autocomplete: v['no-autocomplete'] !== true,
    sysinfo: v.sysinfo === true,
    timeoutMs,
  };
}

export async function runShell(argv: readonly string[]): Promise<number> {
  const args = parseShellArgs(argv);
  if (args.help) {
    process.stdout.write(SHELL_USAGE);
    return 0;
  }
  if (args.version) {
    process.stdout.write(`cratelite shell ${CRATELITE_VERSION}\n`);
    return 0;
  }
  const io = terminalIO();
  let password = process.env.CRATEPW;
  if (args.askPassword) {
    if (!process.stdin.isTTY) throw new UsageError('-W needs a terminal to ask for the password', false);
    password = await askPassword();
  }
  const shell = new Shell(io, {
    hosts: args.hosts.map(normalizeHost),
    format: args.format,
    autocomplete: args.autocomplete,
    username: args.username,
    password,
    schema: args.schema,
    errorTrace: args.verbose,
    connectTimeoutMs: args.timeoutMs,
  });
  try {
    const infos = await shell.connect();
    await shell.printConnectResult(infos, args.verbose);
    if (!shell.client.isConnected) return 1;

    if (args.sysinfo) {
      shell.format = 'mixed';
      await shell.process('\\sysinfo');
      return shell.exitCode;
    }
    if (args.command !== undefined) {
      await shell.process(args.command);
      return shell.exitCode;
    }
    if (args.file !== undefined) {
      let text: string;
      try {
        text = readFileSync(args.file, 'utf8');
      } catch (e) {
        io.critical((e as Error).message);
        return 1;
      }
      await shell.process(text);
      return shell.exitCode;
    }
    if (!process.stdin.isTTY) {
      await shell.process(await readAll(process.stdin));
      return shell.exitCode;
    }
    return await runRepl(shell, { historyFile: args.history ?? defaultHistoryPath() });
  } catch (e) {
    if (e instanceof ExitRequest) return e.code;
    throw e;
  } finally {
    shell.close();
  }
}

/** crash's ColorPrinter: messages on stderr, coloured when stdout is a terminal. */
function terminalIO(): ShellIO {
  const isTty = process.stdout.isTTY === true;
  const isErrTty = process.stderr.isTTY === true;
  const line = (color: string) => (text: string): void => {
    process.stderr.write(isTty ? `${color}${text}\x1b[0m\n` : `${text}\n`);
  };
  return {
    out: (text) => { process.stdout.write(text); },
    info: line('\x1b[32m'),
    warn: line('\x1b[33m'),
    critical: line('\x1b[31m\x1b[1m'),
    status: (text) => { process.stderr.write(text); },
    isTty,
    isErrTty,
    width: () => (isTty ? process.stdout.columns ?? 80 : 80),
  };
}

function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer | string) => chunks.push(Buffer.from(c)));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}

/** Reads a password from the terminal without echo. */
function askPassword(): Promise<string> {
  return new Promise((resolve) => {
    const stdin = process.stdin;
    process.stderr.write('Password: ');
    stdin.setRawMode(true);
    stdin.resume();
    let text = '';
    const onData = (d: Buffer): void => {
      for (const ch of d.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          resolve(text);
          return;
        }
        if (ch === '\u0003') process.exit(130);
        if (ch === '\u007f') text = text.slice(0, -1);
        else text += ch;
      }
    };
    stdin.on('data', onData);
  });
}
