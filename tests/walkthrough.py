#!/usr/bin/env python3
"""Run a Markdown walkthrough as a reader types it, and compare what it prints.

    walkthrough.py FILE.md HEADING KANSRIJK WORKDIR

Within the section of FILE.md headed HEADING (up to the next heading of the same level), every
```sh block is run, in order, by one bash in WORKDIR (so `export` and `cd` carry over), with
./kansrijk a link to KANSRIJK and ./samples a link to the repository's samples/ folder. A ```text
block right after a ```sh block (prose between them allowed) is what that block prints, stdout and
stderr together; a line that is only "…" stands for any number of lines, and "…" inside a line for
any text. Prints one line per block and exits 1 when a block printed something else.
"""
import os
import re
import subprocess
import sys


def section(text, heading):
    lines = text.split('\n')
    level = len(heading) - len(heading.lstrip('#'))
    out, inside = [], False
    for line in lines:
        m = re.match(r'^(#+) ', line)
        if inside and m and len(m.group(1)) <= level:
            break
        if line.strip() == heading:
            inside = True
            continue
        if inside:
            out.append(line)
    if not inside:
        sys.exit(f'walkthrough: no section "{heading}"')
    return out


def blocks(lines):
    """[(commands, expected or None, line number)]"""
    result, i = [], 0
    while i < len(lines):
        m = re.match(r'^(\s*)```(\w*)\s*$', lines[i])
        if not m:
            i += 1
            continue
        indent, kind = len(m.group(1)), m.group(2)
        body, i = [], i + 1
        while i < len(lines) and lines[i].strip() != '```':
            body.append(lines[i][indent:] if len(lines[i]) >= indent else lines[i].lstrip())
            i += 1
        i += 1
        if kind == 'sh':
            result.append([body, None, i])
        elif kind == 'text' and result and result[-1][1] is None:
            result[-1][1] = body
    return result


def line_match(want, got):
    if '…' not in want:
        return want == got
    parts = [re.escape(p) for p in want.split('…')]
    return re.fullmatch('.*'.join(parts), got) is not None


def match(want, got):
    """want may hold lines that are only '…' (any number of lines)."""
    if not want:
        return not got
    if want[0].strip() == '…':
        return any(match(want[1:], got[k:]) for k in range(len(got) + 1))
    return bool(got) and line_match(want[0], got[0]) and match(want[1:], got[1:])


def main():
    md, heading, kansrijk, work = sys.argv[1:5]
    repo = os.path.dirname(os.path.abspath(md))
    while not os.path.exists(os.path.join(repo, 'Makefile')) and os.path.dirname(repo) != repo:
        repo = os.path.dirname(repo)  # the repository the page belongs to (docs/ is a folder of it)
    os.makedirs(work, exist_ok=True)
    for name, target in (('kansrijk', os.path.abspath(kansrijk)), ('samples', os.path.join(repo, 'samples'))):
        link = os.path.join(work, name)
        if not os.path.lexists(link):
            os.symlink(target, link)
    bl = blocks(section(open(md, encoding='utf-8').read(), heading))
    if not bl:
        sys.exit('walkthrough: no ```sh blocks')
    marker = '@@kansrijk-walkthrough-block@@'
    script = ''
    for k, (cmds, _, _) in enumerate(bl):
        script += '\n'.join(cmds) + f'\necho "{marker}{k}"\n'
    env = {k: v for k, v in os.environ.items() if not k.startswith('KANSRIJK_') and k not in ('LANGUAGE', 'LC_ALL', 'LC_MESSAGES')}
    env['LANG'] = 'C.UTF-8'
    run = subprocess.run(['bash', '-c', script], cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = run.stdout.decode('utf-8', 'replace').split('\n')
    fails, k, cur = 0, 0, []
    per = []
    for line in out:
        if line.startswith(marker):
            per.append(cur)
            cur = []
        else:
            cur.append(line)
    for k, (cmds, want, at) in enumerate(bl):
        got = per[k] if k < len(per) else ['(the walkthrough stopped before this block)']
        got = [g.rstrip() for g in got]
        first = next((c for c in cmds if c.strip() and not c.startswith('#')), '')
        if want is None:
            print(f'ran   {first}')
            continue
        want = [w.rstrip() for w in want]
        if match(want, got):
            print(f'ok    {first}')
        else:
            fails += 1
            print(f'FAIL  {first}  (block ending at line {at} of the section)')
            print('  README shows:')
            print('\n'.join('    ' + w for w in want))
            print('  the program printed:')
            print('\n'.join('    ' + g for g in got[:60]))
    print(f'walkthrough: {len(bl) - fails} of {len(bl)} blocks as shown')
    sys.exit(1 if fails else 0)


if __name__ == '__main__':
    main()
