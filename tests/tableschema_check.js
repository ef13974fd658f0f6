// Check the Table Schema of `kansrijk spec --format tableschema` and CSV files against it with the
// Frictionless reference implementation for JavaScript (npm package tableschema), for tests/spec.sh.
//
//   NODE_PATH=DIR/node_modules node tests/tableschema_check.js SPEC.json TYPE=FILE...
//
// For every resource: Schema.load must give a valid schema, and every pattern must compile as a
// JavaScript RegExp, also anchored. Then each FILE (UTF-8, `;`, a header with the schema's field
// names in its order) is read with the Table API and every row cast with the schema of TYPE, its
// values trimmed and, in a column with an enum, lower-cased first (kansrijk reads them so; the
// schema lists the canonical form). Rows of empty fields only are skipped (kansrijk skips them too). Because tableschema tests a pattern
// unanchored while Table Schema means the whole value, each value is tested against the anchored
// pattern as well; and the primary key must be unique. Prints one line per error,
// "ERROR <file>:<row>: <message>" (row 1 = the header), then "rows <file> <n>" per file; exits 1 on
// an invalid schema or pattern, 0 otherwise (the caller compares the errors with what it expects).
'use strict';
const fs = require('fs');
const path = require('path');
const { Schema, Table } = require('tableschema');

async function main() {
    const [specPath, ...files] = process.argv.slice(2);
    const spec = JSON.parse(fs.readFileSync(specPath, 'utf8'));
    const schemas = {};
    let bad = 0;
    for (const res of spec.resources) {
        const schema = await Schema.load(res.schema, { strict: false });
        if (!schema.valid) {
            bad++;
            for (const e of schema.errors)
                console.log(`SCHEMA ${res.name}: ${e.message}`);
        }
        const anchored = {};
        for (const f of res.schema.fields) {
            const p = f.constraints && f.constraints.pattern;
            if (p === undefined)
                continue;
            try {
                new RegExp(p);
                new RegExp(p, 'u');
                anchored[f.name] = new RegExp(`^(?:${p})$`);
            } catch (e) {
                bad++;
                console.log(`PATTERN ${res.name}.${f.name}: ${e.message}`);
            }
        }
        schemas[res.name] = { schema, anchored, pk: res.schema.primaryKey || [] };
    }
    if (bad)
        process.exit(1);
    for (const arg of files) {
        const eq = arg.indexOf('=');
        const type = arg.slice(0, eq), file = arg.slice(eq + 1), name = path.basename(file);
        const { schema, anchored, pk } = schemas[type];
        const table = await Table.load(file, { schema, delimiter: ';' });
        const rows = await table.read({ cast: false });
        const headers = table.headers;
        if (JSON.stringify(headers) !== JSON.stringify(schema.fieldNames))
            console.log(`ERROR ${name}:1: header ${headers.join(';')} is not ${schema.fieldNames.join(';')}`);
        const keys = new Set();
        const enums = new Set(schema.fields.filter((f) => f.constraints.enum).map((f) => f.name));
        let n = 0;
        rows.forEach((raw, i) => {
            let row = raw;
            const line = i + 2;
            if (raw.every((v) => v.trim() === ''))
                return;
            n++;
            // kansrijk trims values and reads codes in any case; the schema lists the canonical form
            row = row.map((v, c) => (enums.has(headers[c]) ? v.trim().toLowerCase() : v.trim()));
            let cast;
            try {
                cast = schema.castRow(row, { failFast: false });
            } catch (e) {
                for (const err of e.multiple ? e.errors : [e])
                    console.log(`ERROR ${name}:${line}: ${err.message}`);
                return;
            }
            row.forEach((v, c) => {
                const re = anchored[headers[c]];
                if (re && v !== '' && !re.test(v))
                    console.log(`ERROR ${name}:${line}: ${headers[c]} ${JSON.stringify(v)} does not match the whole pattern`);
            });
            if (pk.length) {
                const key = JSON.stringify(pk.map((k) => String(cast[schema.fieldNames.indexOf(k)])));
                if (keys.has(key))
                    console.log(`ERROR ${name}:${line}: primary key ${key} occurs earlier in the file`);
                keys.add(key);
            }
        });
        console.log(`rows ${name} ${n}`);
    }
}

main().catch((e) => {
    console.log(`FAILED ${e.stack || e}`);
    process.exit(1);
});
