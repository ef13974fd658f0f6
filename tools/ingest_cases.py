#!/usr/bin/env python3
"""tools/ingest_cases.py SAMPLES OUT: block-boundary (1 MiB) attack files for kansrijk ingest,
built from a samples folder's JGZ-UT jgz_contact extracts (see tools/ingest_same.sh)."""
import glob, os, sys
S, O = sys.argv[1], sys.argv[2]
os.makedirs(O, exist_ok=True)
B = 1 << 20
hdr = None; rows = []
for f in sorted(glob.glob(os.path.join(S, 'jgz_contact_JGZ-UT_2025Q*.csv'))):
    ls = open(f, 'rb').read().replace(b'\r\n', b'\n').split(b'\n')
    hdr = ls[0]; rows += [l for l in ls[1:] if l]
# keep only plain rows (no quotes, no high bytes) so that placement is under our control
plain = [r for r in rows if b'"' not in r and max(r) < 0x80]
NAME = 'jgz_contact_JGZ-UT_2025.csv'

def body(nl=b'\n', n=None):
    rs = plain if n is None else plain[:n]
    return hdr + nl + nl.join(rs) + nl

def put(case, data, name=NAME):
    d = os.path.join(O, case); os.makedirs(d, exist_ok=True)
    open(os.path.join(d, name), 'wb').write(data)

def at(data, pos, ins, nl=b'\n'):
    """put ins into the opmerking (last) field of the row around byte pos so that ins starts at pos"""
    # find the end of the line containing pos-? : we place ins at the end of a row's last field
    e = data.rfind(nl, 0, pos)      # end of a row before pos
    pad = pos - e                    # bytes to add before ins so it starts at pos
    return data[:e] + b'x' * pad + ins + data[e:]

base = body()
put('base', base)
put('base_cp1252_after', at(base, B + 5000, b'cli\xebnt'))
put('cp1252_at_boundary', at(base, B, b'\xeb'))
put('cp1252_just_before', at(base, B - 1, b'\xeb'))
put('utf8_split', at(base, B - 1, 'cliënt'.encode()[:0] + 'ë'.encode()))
put('utf8_split3', at(base, B - 1, '€'.encode()))
put('utf8_split3b', at(base, B - 2, '€'.encode()))
put('utf8_after', at(base, B + 100, 'ë'.encode()))
put('utf8_early_cp1252_late', at(at(base, B + 100, b'\xeb'), 500, 'ë'.encode()))
put('utf8_early_many_cp1252_late', at(at(at(base, B + 100, b'\xeb\xeb\xeb'), 500, 'ë'.encode()), 300, 'é'.encode()))
put('cp1252_early_utf8_late', at(at(base, B + 100, 'ë'.encode()), 500, b'\xeb'))
put('utf8_cut_at_end', base + 'ë'.encode()[:1])
put('bad_byte_late', at(base, B + 100, b'\x81'))
put('bad_byte_late2', at(at(base, B + 100, b'\x81'), 500, 'ë'.encode()))
put('nul_late', at(base, B + 100, b'\x00'))
put('nul_at_boundary', at(base, B, b'\x00'))
put('nul_last_byte', base + b'\x00')
put('bom', b'\xef\xbb\xbf' + base)
put('bom_cp1252_late', b'\xef\xbb\xbf' + at(base, B + 100, b'\xeb'))
put('bom_only', b'\xef\xbb\xbf')
put('utf16', b'\xff\xfe' + base)
put('zip', b'PK\x03\x04' + base)
crlf = body(b'\r\n')
put('crlf', crlf)
put('crlf_split', at(crlf, B - 1, b'', b'\r\n') if crlf[B-1:B+1] != b'\r\n' else crlf)
# force \r at B-1 and \n at B
def crlf_split_at(data, k):
    e = data.rfind(b'\r\n', 0, k)
    return data[:e] + b'x' * (k - e) + data[e:]
put('crlf_split', crlf_split_at(crlf, B - 1))
put('crlf_late', base[:B + 100] + base[B + 100:].replace(b'\n', b'\r\n'))
put('lf_then_crlf_boundary', crlf_split_at(base[:B - 200] + base[B - 200:].replace(b'\n', b'\r\n'), B - 1))
put('cr_only', body(b'\r'))
put('cr_in_field_late', at(base, B + 100, b'a\rb'))
q = b'"regel een\nregel twee;met puntkomma"'
put('quoted_multiline_boundary', at(base, B - 12, q))
put('quoted_multiline_crlf_boundary', at(crlf, B - 12, q.replace(b'\n', b'\r\n'), b'\r\n'))
put('quote_open_never_closed_late', at(base, B + 100, b'"nooit dicht'))
put('quote_bad_late', at(base, B + 100, b'ab"c'))
put('spaces_tabs', base[:B+50] + b'\n'.join(b' ; '.join(l.split(b';')) for l in base[B+50:].split(b'\n')))
put('spaces_tabs2', b'\n'.join(b'\t' + l.replace(b';', b'\t;\t') + b' ' for l in base.split(b'\n')))
long1 = at(base, B - 500, b'y' * (3 * B // 2))
put('long_line', long1)
put('long_line_2mib', at(base, 200, b'z' * (B + B // 2)))
put('long_field_too_big', at(base, 200, b'z' * (2 * B + 10)))
put('blank_lines_boundary', at(base, B - 3, b'\n\n\n   \n\t\n'))
put('empty', b'')
put('header_only', hdr + b'\n')
put('header_only_nonl', hdr)
put('header_only_crlf', hdr + b'\r\n')
put('sep_only', b'sep=;\n')
put('sep_only_nonl', b'sep=;')
put('sep_big', b'sep=;\r\n' + crlf)
put('sep_comma_big', b'sep=,\n' + base.replace(b';', b','))
put('comma_big', base.replace(b';', b','))
put('tab_big', base.replace(b';', b'\t'))
put('no_final_newline', base[:-1])
put('exact_1mib', (base[:B - 1] if False else None) or crlf_split_at(base, B)[:0] or base[:base.rfind(b'\n', 0, B) + 1])
e = base.rfind(b'\n', 0, B)
put('exact_block', base[:e] + b'x' * (B - 1 - e) + b'\n')
put('exact_block_plus1', base[:e] + b'x' * (B - 1 - e) + b'\n\n')
put('exact_block_nonl', base[:e] + b'x' * (B - e))
put('two_blocks_exact', base[:base.rfind(b'\n', 0, 2 * B)] + b'x' * (2 * B - 1 - base.rfind(b'\n', 0, 2 * B)) + b'\n')
put('fewer_fields_late', at(base, B + 100, b'') + b'a;b\n')
put('more_fields_late', at(base, B + 100, b';;;;extra'))
put('dup_rows', base + b'\n'.join(plain[:50]) + b'\n')
put('small', body(n=100))
put('small_cp1252', body(n=100)[:-1] + b'\xeb\n')
u = 'ë'.encode()
put('dirty_early_cp1252_late', at(at(base, B + 100, b'\xeb\xeb\xeb\xeb'), 500, u + b'\xeb'))
put('cp1252_early_many_utf8_late', at(at(base, B + 100, u * 6), 500, b'\xeb\xeb'))
put('hdr_utf8_cp1252_late', hdr.replace(b'opmerking', 'opmerking_ë'.encode()) + at(base, B + 100, b'\xeb\xeb')[len(hdr):])
put('hdr_cp1252_utf8_late', hdr.replace(b'opmerking', b'opmerking_\xeb') + at(base, B + 100, u * 3)[len(hdr):])
bad = b'\n'.join(l.replace(b';verschenen;', b';fout;') for l in base.split(b'\n'))
put('mostly_rejected_cp1252_late', at(at(bad, B + 100, b'\xeb\xeb'), 500, u))
put('mostly_rejected_nul_late', at(bad, B + 100, b'\x00'))
put('utf8_in_checked_column_split', base[:B - 1 - base[:B - 1][::-1].index(b';verschenen;'[::-1]) - 11] + b';versch\xc3\xabnen;' + base[B - base[:B - 1][::-1].index(b';verschenen;'[::-1]) + 1:] if False else at(base, B + 100, b''))
put('quote_bad_straddle', at(base, B - 5, b'ab"cdefghijkl'))
put('quote_bad_straddle_nextline', at(base, B - 5, b'ab"cd') )
put('bom_sep', b'\xef\xbb\xbfsep=;\n' + base)
put('quote_unclosed_straddle_then_plain', at(base, B - 5, b'"open;still\nnext;line'))
