/**
 * The shell's backslash commands. Names, help texts, messages and SQL follow crash
 * (crate/crash `commands.py`, `command.py`, `sysinfo.py`, docs/commands.rst), so `\?` reads the
 * same; `\d`, `\timing` are cratelite additions (marked below).
 *
 *   \?  \c \connect  \dt  \d [TABLE]  \format [FMT]  \q  \check [nodes|cluster]  \sysinfo
 *   \r FILE  \timing  \verbose  \autocomplete
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { FORMATS } from './formats.js';
import type { PyValue } from './py-json.js';
import { ExitRequest, type Shell } from './shell.js';

interface Command {
  help: string;
  /** false: "Command does not take any arguments." */
  takesArgument: boolean;
  run(shell: Shell, arg: string | undefined, extra: { startup?: boolean }): Promise<void>;
}

const COMMANDS: Record<string, Command> = {
  '?': {
    help: 'print this help',
    takesArgument: false,
    async run(shell) {
      shell.io.info(Object.keys(COMMANDS).sort().map((k) => `\\${k.padEnd(30)} ${COMMANDS[k]!.help}`).join('\n'));
    },
  },
  autocomplete: {
    help: 'toggle autocomplete',
    takesArgument: false,
    async run(shell) {
      shell.autocomplete = !shell.autocomplete;
      shell.io.info(`Autocomplete ${shell.autocomplete ? 'ON' : 'OFF'}`);
    },
  },
  c: {
    help: 'connect to the given server, e.g.: \\connect localhost:4200',
    takesArgument: true,
    run: (shell, arg) => connect(shell, arg),
  },
  connect: {
    help: 'connect to the given server, e.g.: \\connect localhost:4200',
    takesArgument: true,
    run: (shell, arg) => connect(shell, arg),
  },
  check: {
    help: 'print failed cluster and/or node checks, e.g. \\check nodes',
    takesArgument: true,
    async run(shell, arg, extra) {
      if (arg === undefined) {
        await clusterCheck(shell);
        await nodeCheck(shell, extra.startup === true);
      } else if (arg === 'cluster') {
        await clusterCheck(shell);
      } else if (arg === 'nodes') {
        await nodeCheck(shell, extra.startup === true);
      } else {
        shell.io.warn(`No check for ${arg}`);
      }
    },
  },
  // cratelite: `\d` lists tables like `\dt`, `\d TABLE` describes one.
  d: {
    help: 'describe a table, e.g. \\d doc.t (without argument: like \\dt)',
    takesArgument: true,
    async run(shell, arg) {
      if (arg === undefined) return showTables(shell);
      const { schema, table } = splitTableName(arg, shell.info.schema ?? 'doc');
      const ok = await shell.execAndPrintWithArgs(
        'SELECT column_name, data_type, is_nullable, column_default, is_generated, generation_expression'
          + ' FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position',
        [schema, table], 'SELECT');
      if (ok === 0) shell.io.critical(`Table ${schema}.${table} does not exist or has no columns.`);
    },
  },
  dt: {
    help: "print the existing tables within the 'doc' schema",
    takesArgument: false,
    run: (shell) => showTables(shell),
  },
  format: {
    help: 'switch output format',
    takesArgument: true,
    async run(shell, arg) {
      if (arg !== undefined && shell.setFormat(arg)) {
        shell.io.info(`changed output format to ${arg}`);
        return;
      }
      shell.io.info(`${arg ?? 'None'} is not a valid output format.\nUse one of: ${FORMATS.join(', ')}`);
    },
  },
  q: {
    help: 'quit the shell',
    takesArgument: false,
    async run(shell) {
      shell.io.warn('Bye!');
      throw new ExitRequest(shell.exitCode);
    },
  },
  r: {
    help: 'read and execute statements from a file',
    takesArgument: true,
    async run(shell, arg) {
      if (arg === undefined) {
        shell.io.critical("TypeError(\"__call__() missing 1 required positional argument: 'filename'\")");
        return;
      }
      let text: string;
      try {
        text = readFileSync(arg.replace(/^~(?=$|\/)/, homedir()), 'utf8');
      } catch (e) {
        shell.io.critical((e as Error).message);
        return;
      }
      await shell.process(text);
    },
  },
  sysinfo: {
    help: 'print system and cluster info',
    takesArgument: false,
    run: (shell) => sysinfo(shell),
  },
  // cratelite: psql's \timing — the client-side round trip after each statement.
  timing: {
    help: 'toggle printing the round-trip time of each statement',
    takesArgument: false,
    async run(shell) {
      shell.timing = !shell.timing;
      shell.io.info(`Timing is ${shell.timing ? 'on' : 'off'}.`);
    },
  },
  verbose: {
    help: 'toggle verbose mode',
    takesArgument: false,
    async run(shell) {
      shell.errorTrace = !shell.errorTrace;
      await shell.connect();
      shell.io.info(`Verbose ${shell.errorTrace ? 'ON' : 'OFF'}`);
    },
  },
};

export function commandNames(): string[] {
  return Object.keys(COMMANDS).sort();
}

export async function runCommand(shell: Shell, name: string, arg: string | undefined, extra: { startup?: boolean } = {}): Promise<void> {
  const cmd = COMMANDS[name]!;
  if (!cmd.takesArgument && arg !== undefined) {
    shell.io.critical('Command does not take any arguments.');
    return;
  }
  await cmd.run(shell, arg, extra);
}

async function connect(shell: Shell, arg: string | undefined): Promise<void> {
  if (arg === undefined) {
    shell.io.critical("TypeError(\"_connect_and_print_result() missing 1 required positional argument: 'servers'\")");
    return;
  }
  const { normalizeHost } = await import('./sql-client.js');
  const infos = await shell.connect(arg.split(' ').filter((h) => h !== '').map(normalizeHost));
  await shell.printConnectResult(infos, true);
  shell.onSchemaChange?.();
}

async function showTables(shell: Shell): Promise<void> {
  await shell.execAndPrint([
    'SELECT',
    '    table_schema as schema,',
    '    table_name as name,',
    '    table_type as type,',
    '    number_of_shards as primary_shards,',
    '    number_of_replicas as replicas',
    'FROM',
    '    information_schema.tables',
    'WHERE',
    "    table_schema NOT IN ('sys', 'information_schema', 'pg_catalog')",
    "    AND table_type != 'VIEW'",
    'ORDER BY',
    '    1',
  ].join('\n'));
}

/** `name`, `schema.name`, `"Quoted"."Name"` */
export function splitTableName(text: string, defaultSchema: string): { schema: string; table: string } {
  const parts: string[] = [];
  const re = /"((?:[^"]|"")*)"|([^."]+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) parts.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!.trim().toLowerCase());
  if (parts.length >= 2) return { schema: parts[parts.length - 2]!, table: parts[parts.length - 1]! };
  return { schema: defaultSchema, table: parts[0] ?? text };
}

/** crash `CheckBaseCommand.execute` */
async function runCheck(shell: Shell, sql: string, checkName: string): Promise<void> {
  const result = await shell.exec(sql);
  if (result === undefined) {
    shell.exitCode = 1;
    return;
  }
  if (result.rows.length > 0) {
    shell.pprint(result.cols, result.rows, result.rowcount, result.duration);
    const s = result.rowcount === 1n ? '' : 'S';
    shell.io.critical(`${String(result.rowcount)} ${checkName}${s} FAILED`);
  } else {
    shell.io.info(`${checkName} OK`);
  }
}

function clusterCheck(shell: Shell): Promise<void> {
  return runCheck(shell, `
        SELECT description AS "Failed Check"
        FROM sys.checks
        WHERE passed = false
        ORDER BY id ASC`, 'CLUSTER CHECK');
}

function nodeCheck(shell: Shell, startup: boolean): Promise<void> {
  if (startup) {
    return runCheck(shell, `
        SELECT description as "Failed Check", count(*) as "Number of Nodes"
        FROM sys.node_checks
        WHERE passed = false
          AND acknowledged = false
        GROUP BY description
        ORDER BY description asc`, 'TYPES OF NODE CHECK');
  }
  return runCheck(shell, `
        SELECT n.name AS "Node Name",
               n.hostname AS "Host Name",
               c.description AS "Failed Check"
        FROM sys.node_checks c, sys.nodes n
        WHERE c.passed = false
          AND c.acknowledged = false
          AND c.node_id = n.id
        ORDER BY c.id, severity asc`, 'NODE CHECK');
}

/** crash `SysInfoCommand`: cluster figures in one row, then one row per node. */
async function sysinfo(shell: Shell): Promise<void> {
  const clusterQueries = [
    `select count(*) as number_of_shards, cast(sum(num_docs) as long) as number_of_records
from sys.shards
where "primary" = true`,
    'select count(*) as number_of_nodes\nfrom sys.nodes',
  ];
  const cols: string[] = [];
  const row: PyValue[] = [];
  for (const q of clusterQueries) {
    const r = await shell.exec(q);
    if (r === undefined) {
      shell.exitCode = 1;
      return;
    }
    cols.push(...r.cols);
    row.push(...(r.rows[0] ?? []));
  }
  const nodes = await shell.exec(`select name,
                  hostname,
                  version['number'] as crate_version,
                  round(heap['max'] / 1024.0 / 1024.0)
                        as total_heap_mb,
                  round((mem['free'] + mem['used']) / 1024.0 / 1024.0)
                        as total_memory_mb,
                  os_info['available_processors'] as cpus,
                  os['uptime'] /1000 as uptime_s,
                  format('%s - %s (%s)',
                        os_info['name'],
                        os_info['version'],
                        os_info['arch']) as os_info,
                  format('java version "%s" %s %s (build %s)',
                        os_info['jvm']['version'],
                        os_info['jvm']['vm_vendor'],
                        os_info['jvm']['vm_name'],
                        os_info['jvm']['vm_version']) as jvm_info
           from sys.nodes
           order by os['uptime'] desc`);
  if (nodes === undefined) {
    shell.exitCode = 1;
    return;
  }
  shell.pprint(cols, [row]);
  shell.pprint(nodes.cols, nodes.rows);
  shell.io.info('Include the information above when you report a problem.');
}
