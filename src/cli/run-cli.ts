/**
 * The `cratelite` command line: picks the command and hands it the rest of argv.
 *
 *   cratelite [server] [options]     the database server (the default command)
 *   cratelite shell [options]        the SQL shell (crash-compatible), over HTTP
 *   cratelite version                version
 *   cratelite help [command]         help; `--help` / `-h` works after every command too
 */
import { CRATE_VERSION, CRATELITE_VERSION } from '../session/version.js';
import { runServer, SERVER_USAGE } from './server-command.js';
import { runShell, SHELL_USAGE } from './shell-command.js';
import { UsageError } from './usage-error.js';

export const USAGE = `Usage: cratelite [command] [options]

Commands:
  server     start the database server (the default when no command is given)
  shell      start the SQL shell (compatible with CrateDB's crash), connected over HTTP
  version    print the version
  help [command]  show help for a command

Run 'cratelite <command> --help' for the options of a command.
Quick start: 'cratelite --data ./data' then, in another terminal, 'cratelite shell'.
`;

const VERSION_LINE = `cratelite ${CRATELITE_VERSION} (CrateDB ${CRATE_VERSION} compatible)\n`;

type Command = 'server' | 'shell' | 'version' | 'help';
const COMMANDS: readonly Command[] = ['server', 'shell', 'version', 'help'];

export async function runCli(argv: readonly string[]): Promise<number> {
  const first = argv[0];
  const command: Command | undefined = COMMANDS.find((c) => c === first);
  const rest = command === undefined ? argv : argv.slice(1);
  try {
    switch (command) {
      case 'shell':
        return await runShell(rest);
      case 'version':
        if (rest.includes('--help') || rest.includes('-h')) {
          process.stdout.write('Usage: cratelite version\n\nPrints the cratelite version and the CrateDB version it is compatible with.\n');
          return 0;
        }
        if (rest.length > 0) throw new UsageError(`version takes no arguments, got [${rest.join(' ')}]`);
        process.stdout.write(VERSION_LINE);
        return 0;
      case 'help':
        return help(rest[0]);
      case 'server':
        return await runServer(rest);
      case undefined:
        if (first === '--version' || first === '-V') {
          process.stdout.write(VERSION_LINE);
          return 0;
        }
        if (argv.length === 1 && (first === '--help' || first === '-h')) return help(undefined);
        if (first !== undefined && !first.startsWith('-')) throw new UsageError(`unknown command [${first}]`);
        return await runServer(rest);
    }
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    const name = command === 'shell' ? 'cratelite shell' : command === undefined || command === 'server' ? 'cratelite' : `cratelite ${command}`;
    process.stderr.write(`cratelite: ${e.message}\n${e.showHelpHint ? `Try '${name} --help'.\n` : ''}`);
    return 1;
  }
}

function help(command: string | undefined): number {
  switch (command) {
    case undefined: process.stdout.write(`${USAGE}\n${SERVER_USAGE}`); return 0;
    case 'server': process.stdout.write(SERVER_USAGE); return 0;
    case 'shell': process.stdout.write(SHELL_USAGE); return 0;
    case 'version': process.stdout.write('Usage: cratelite version\n'); return 0;
    default: throw new UsageError(`unknown command [${command}]`);
  }
}
