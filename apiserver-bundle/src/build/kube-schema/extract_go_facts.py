"""Reads Kubernetes' Go API types and writes what their protobuf descriptors do not say.

Run in a directory holding checkouts of kubernetes/api, kubernetes/apimachinery and
kubernetes/apiextensions-apiserver at the tag matching io.kubernetes:client-java-proto (see README.md):

    python3 extract_go_facts.py <out-dir> <tag>

Writes <out-dir>/go-fields.tsv (JSON name, Go pointer, omitempty, omitzero, embedded) and
<out-dir>/patch-strategies.tsv (strategic merge patch: patchStrategy and patchMergeKey tags).
"""
import os
import re
import sys

out_dir, tag = sys.argv[1], sys.argv[2]
rows = []
for root, dirs, files in sorted(os.walk('.')):
    dirs.sort()
    if 'generated.proto' not in files:
        continue
    pkg = re.search(r'^package ([\w.]+);', open(os.path.join(root, 'generated.proto')).read(), re.M).group(1)
    for fn in sorted(files):
        if not fn.endswith('.go') or fn.endswith('_test.go'):
            continue
        src = open(os.path.join(root, fn)).read()
        for m in re.finditer(r'^type (\w+) struct \{\n(.*?)^\}', src, re.S | re.M):
            name, body = m.group(1), m.group(2)
            for line in body.split('\n'):
                line = line.strip()
                fm = re.match(r'^(\w+)\s+([^`]+?)\s*`(.*)`', line)
                em = re.match(r'^(\*?[\w.]+)\s*`(.*)`', line)  # an embedded (anonymous) field
                embedded = False
                if fm:
                    gname, gtype, tags = fm.groups()
                elif em:
                    gtype, tags = em.groups()
                    gname = gtype.lstrip('*').split('.')[-1]
                    embedded = True
                else:
                    continue
                pt = re.search(r'protobuf:"([^"]*)"', tags)
                if not pt:
                    continue
                jt = re.search(r'json:"([^"]*)"', tags)
                jparts = (jt.group(1) if jt else '').split(',')
                pparts = pt.group(1).split(',')
                names = [p[5:] for p in pparts if p.startswith('name=')]
                pname = names[0] if names else gname[0].lower() + gname[1:]
                strategy = re.search(r'patchStrategy:"([^"]*)"', tags)
                merge_key = re.search(r'patchMergeKey:"([^"]*)"', tags)
                rows.append(dict(key='%s.%s.%s' % (pkg, name, pname), rep=pparts[2], pname=pname,
                                 json=jparts[0], omitempty='omitempty' in jparts[1:],
                                 omitzero='omitzero' in jparts[1:], ptr=gtype.startswith('*'),
                                 inline=embedded and jparts[0] == '',
                                 strategy=strategy.group(1) if strategy else '',
                                 merge_key=merge_key.group(1) if merge_key else ''))

# Only the rows that differ from the default (JSON name = proto name, omitempty, no pointer, not embedded).
fields = []
for r in rows:
    flags = ('P' if r['ptr'] else '') + ('' if r['omitempty'] else 'N') + ('Z' if r['omitzero'] else '')
    if r['inline']:
        flags = 'I'
    if r['rep'] == 'rep':
        flags = flags.replace('N', '')  # a nil slice or map: absent and null are the same
    js = r['json'] if r['json'] not in ('', '-') else r['pname']
    if flags in ('', 'P') and js == r['pname'] and not r['ptr']:
        continue
    fields.append('%s\t%s\t%s' % (r['key'], js, flags))
with open(os.path.join(out_dir, 'go-fields.tsv'), 'w') as f:
    f.write('# proto field\tJSON name\tflags: P=Go pointer, N=no omitempty, Z=omitzero, I=embedded; '
            'from kubernetes/{api,apimachinery,apiextensions-apiserver} %s\n' % tag)
    f.write('\n'.join(fields) + '\n')

patches = ['%s\t%s\t%s' % (r['key'], r['strategy'], r['merge_key']) for r in rows if r['strategy'] or r['merge_key']]
with open(os.path.join(out_dir, 'patch-strategies.tsv'), 'w') as f:
    f.write('# proto field\tpatchStrategy\tpatchMergeKey; from kubernetes/{api,apimachinery,'
            'apiextensions-apiserver} %s\n' % tag)
    f.write('\n'.join(patches) + '\n')
print(len(rows), 'fields;', len(fields), 'go-fields rows;', len(patches), 'patch-strategy rows', file=sys.stderr)
