/**
 * `file://` globbing for COPY FROM (copy.md §1.2), with Java NIO glob rules:
 *
 *   *      any run of characters except `/` (also none: `/d/*\/*.json` matches `/d/x/.json`)
 *   **     any run of characters, `/` included
 *   ?      one character except `/`
 *   [a-z]  [!a]  character classes;   {a,b}  alternatives;   \x  a literal x
 *
 * The fixed directory (everything up to the last `/` before the first wildcard) is walked, only
 * as deep as the pattern can reach (unbounded with `**`), and every regular file whose path
 * matches the whole pattern is returned, in ascending order (CrateDB returns file-system order;
 * sorting makes results deterministic). Unreadable directories are skipped.
 */
import { opendir, realpath, stat } from 'node:fs/promises';

const WILDCARD = /[*?[{]/;

/** The glob as a RegExp over whole paths. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let inGroup = false;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    switch (c) {
      case '\\':
        i++;
        if (i < glob.length) re += escapeRegExp(glob[i]!);
        break;
      case '*':
        if (glob[i + 1] === '*') {
          re += '.*';
          i++;
        } else {
          re += '[^/]*';
        }
        break;
      case '?': re += '[^/]'; break;
      case '[': {
        const end = glob.indexOf(']', i + 2);
        if (end < 0) {
          re += '\\[';
          break;
        }
        let body = glob.slice(i + 1, end);
        const negate = body.startsWith('!');
        if (negate) body = body.slice(1);
        body = body.replace(/[\\\]^]/g, (m) => `\\${m}`);
        re += negate ? `[^/${body}]` : `[${body}]`;
        i = end;
        break;
      }
      case '{':
        if (inGroup) re += '\\{';
        else {
          re += '(?:';
          inGroup = true;
        }
        break;
      case '}':
        if (inGroup) {
          re += ')';
          inGroup = false;
        } else re += '\\}';
        break;
      case ',': re += inGroup ? '|' : ','; break;
      default: re += escapeRegExp(c);
    }
  }
  if (inGroup) re += ')';
  return new RegExp(`^${re}$`, 's');
}

const escapeRegExp = (c: string): string => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

export function isGlob(path: string): boolean { return path.includes('*'); }

/** Every regular file matching the glob `pattern` (an absolute path), sorted. */
export async function expandGlob(pattern: string): Promise<string[]> {
  const first = pattern.search(WILDCARD);
  const cut = pattern.lastIndexOf('/', first);
  const root = pattern.slice(0, cut + 1) || '/';
  const rest = pattern.slice(cut + 1);
  const maxDepth = rest.includes('**') ? Number.POSITIVE_INFINITY : rest.split('/').length;
  const re = globToRegExp(pattern);
  const out: string[] = [];

  const walk = async (dir: string, depth: number, ancestors: ReadonlySet<string>): Promise<void> => {
    let real: string;
    try {
      real = await realpath(dir);
    } catch {
      return;
    }
    if (ancestors.has(real)) return; // a symlink loop
    const chain = new Set(ancestors).add(real);
    let handle;
    try {
      handle = await opendir(dir);
    } catch {
      return; // unreadable directories are skipped
    }
    const subdirs: string[] = [];
    for await (const entry of handle) {
      const path = dir + entry.name;
      let isFile = entry.isFile();
      let isDir = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        try {
          const s = await stat(path);
          isFile = s.isFile();
          isDir = s.isDirectory();
        } catch {
          continue;
        }
      }
      if (isFile && re.test(path)) out.push(path);
      else if (isDir && depth < maxDepth) subdirs.push(`${path}/`);
    }
    for (const d of subdirs) await walk(d, depth + 1, chain);
  };
  await walk(root, 1, new Set());
  return out.sort();
}
