/** `cratelite shell` — filled in by the next commit. */
export const SHELL_USAGE = 'Usage: cratelite shell [options]\n';
export async function runShell(_args: readonly string[]): Promise<number> {
  process.stderr.write('cratelite: the shell is not built yet\n');
  return 1;
}
