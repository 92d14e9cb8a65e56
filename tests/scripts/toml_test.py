"""Runs the official toml-test suite against saitti's TOML parser.

Usage: toml_test.py DECODER SUITE_DIR LIST
DECODER reads TOML on stdin and prints toml-test's tagged JSON (exit 0),
or refuses it (exit 1). LIST names the files of one TOML version
(files-toml-1.1.0). Every valid/ file must decode to its .json (datetimes
and floats compared by value, as toml-test does); every invalid/ file must
be refused. Prints one PASS or FAIL line per half, and a FAIL line for each
file that went wrong."""
import json, math, re, subprocess, sys

decoder, suite, listfile = sys.argv[1:4]

DT = re.compile(r'^(\d{4}-\d{2}-\d{2})?[Tt ]?(\d{2}:\d{2}(?::\d{2})?)?'
                r'(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})?$')


def norm_dt(s):
    m = DT.match(s)
    if not m:
        return s
    date, time, frac, off = m.groups()
    if time and len(time) == 5:
        time += ':00'
    frac = (frac or '').rstrip('0')
    off = (off or '').upper()
    if off in ('Z', '+00:00', '-00:00'):
        off = 'Z'
    return (date, time, frac, off)


def norm(v):
    if isinstance(v, list):
        return [norm(x) for x in v]
    if isinstance(v, dict):
        if set(v) == {'type', 'value'} and isinstance(v['value'], str):
            t, s = v['type'], v['value']
            if t == 'float':
                f = float(s)
                return ('float', 'nan' if math.isnan(f) else f)
            if t == 'integer':
                return ('integer', int(s))
            if t.startswith(('datetime', 'date', 'time')):
                return (t, norm_dt(s))
            return (t, s)
        return {k: norm(x) for k, x in v.items()}
    return v


# Files saitti knowingly decodes differently, and why. A map key is a C
# string in core/value.h, so a key holding U+0000 cannot be kept.
KNOWN = {'valid/key/quoted-unicode.toml': 'a key holding U+0000'}

files = [l.strip() for l in open(listfile) if l.strip()]
valid = [f for f in files if f.startswith('valid/') and f.endswith('.toml')]
invalid = [f for f in files if f.startswith('invalid/') and f.endswith('.toml')]
bad_valid, bad_invalid = [], []
for f in valid:
    data = open(f'{suite}/{f}', 'rb').read()
    p = subprocess.run([decoder, '--decode'], input=data, capture_output=True)
    if p.returncode != 0:
        bad_valid.append((f, 'refused: ' + p.stderr.decode(errors='replace').strip()))
        continue
    want = json.load(open(f'{suite}/{f[:-5]}.json', encoding='utf-8'))
    try:
        got = json.loads(p.stdout)
    except ValueError as e:
        bad_valid.append((f, f'bad JSON: {e}'))
        continue
    if norm(got) != norm(want):
        bad_valid.append((f, f'got {json.dumps(got)[:300]}\n  want {json.dumps(want)[:300]}'))
for f in invalid:
    data = open(f'{suite}/{f}', 'rb').read()
    p = subprocess.run([decoder, '--decode'], input=data, capture_output=True)
    if p.returncode == 0:
        bad_invalid.append((f, 'accepted: ' + p.stdout.decode(errors='replace')[:200]))
    elif p.returncode != 1 or not p.stderr.startswith(b'stdin:'):
        bad_invalid.append((f, f'crashed or no message (status {p.returncode})'))

for f, why in KNOWN.items():
    print(f'KNOWN toml-test {f}: {why}')
bad_valid = [(f, w) for f, w in bad_valid if f not in KNOWN]
for f, why in bad_valid + bad_invalid:
    print(f'FAIL toml-test {f}\n  {why}')
nv, ni = len(valid), len(invalid)
print(f'{"PASS" if not bad_valid and nv else "FAIL"} toml-test valid: '
      f'{nv - len(bad_valid) - len(KNOWN)} of {nv} decoded as expected, '
      f'{len(KNOWN)} known deviation')
print(f'{"PASS" if not bad_invalid and ni else "FAIL"} toml-test invalid: '
      f'{ni - len(bad_invalid)} of {ni} refused')
