"""
Runs a command in a pseudo-terminal and plays a script against it, for the shell's interactive
tests (no extra dependencies: Python's standard pty module).

    python3 pty-run.py '<json steps>' cmd args...

Steps: {"send": "text"} writes keystrokes; {"expect": "text"} waits (at most 15 s) until the
text appears in the output after the previous expectation. Prints one JSON object on stdout:
{"ok": bool, "failed_step": int|null, "code": exit code|null, "output": everything read}.
"""
import fcntl, json, os, pty, select, signal, struct, sys, termios, time

steps = json.loads(sys.argv[1])
cmd = sys.argv[2:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(cmd[0], cmd)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 40, 120, 0, 0))

out = b''
mark = 0


def pump(timeout):
    global out
    r, _, _ = select.select([fd], [], [], timeout)
    if not r:
        return True
    try:
        data = os.read(fd, 65536)
    except OSError:
        return False
    if not data:
        return False
    out += data
    return True


result = {'ok': True, 'failed_step': None, 'code': None}
for i, step in enumerate(steps):
    if 'send' in step:
        os.write(fd, step['send'].encode())
    elif 'expect' in step:
        want = step['expect'].encode()
        deadline = time.time() + step.get('timeout', 15)
        alive = True
        while want not in out[mark:] and time.time() < deadline and alive:
            alive = pump(0.1)
        pos = out.find(want, mark)
        if pos < 0:
            result['ok'] = False
            result['failed_step'] = i
            break
        mark = pos + len(want)

deadline = time.time() + 10
code = None
while time.time() < deadline:
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        code = os.waitstatus_to_exitcode(status)
        break
    pump(0.05)
if code is None:
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
while pump(0.05):
    r, _, _ = select.select([fd], [], [], 0)
    if not r:
        break
result['code'] = code
result['output'] = out.decode('utf-8', 'replace')
print(json.dumps(result))
