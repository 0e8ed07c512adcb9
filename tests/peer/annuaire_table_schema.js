// The official validator's side of the annuaire's peer tests: the Table Schema library
// (npm tableschema) on the schema of LaMednum/standard-mediation-num.
//   node annuaire_table_schema.js PEER_DIR SCHEMA values    -> one record holding every
//       value of every enumerated field, as the schema's patterns spell them (JSON)
//   node annuaire_table_schema.js PEER_DIR SCHEMA CSV       -> {rows, errors: [...]}
// The library searches a pattern anywhere in the value, so that an enumeration pattern
// "(?:(?:^|\|)(A|B))+$" accepts "wrong|A"; the official validator (Python frictionless,
// behind schema.data.gouv.fr) matches the whole value: the patterns are anchored here too.
'use strict';
const fs = require('fs');
const [peer, schemaPath, what] = process.argv.slice(2);
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));

// "(?:(?:^|\|)(A|B \(c\)))+$" -> ["A", "B (c)"]
function patternValues(pattern) {
  const m = /^\(\?:\(\?:\^\|\\\|\)\((.*)\)\)\+\$$/.exec(pattern);
  if (m === null) return null;
  return m[1].split('|').map(v => v.replace(/\\(.)/g, '$1'));
}

if (what === 'values') {
  const rec = {id: 'tous-1', pivot: '00000000000000', nom: 'Toutes les valeurs', commune: 'Lyon',
               code_postal: '69001', adresse: '1 rue', date_maj: '2026-10-01'};
  for (const f of schema.fields) {
    const values = f.constraints && f.constraints.pattern && patternValues(f.constraints.pattern);
    if (values !== null && values !== undefined && values.length > 1) rec[f.name] = values;
  }
  delete rec.itinerance; // one value, not a list, in the annuaire's records
  console.log(JSON.stringify([rec]));
} else {
  const {Table} = require(peer + '/node_modules/tableschema');
  for (const f of schema.fields)
    if (f.constraints && f.constraints.pattern)
      f.constraints.pattern = '^(?:' + f.constraints.pattern + ')$';
  (async () => {
    const table = await Table.load(what, {schema});
    const rows = await table.read({forceCast: true});
    const errors = [];
    rows.forEach((r, i) => {
      if (r instanceof Error)
        (r.errors || [r]).forEach(e => errors.push({row: i + 1, column: e.columnNumber, message: e.message}));
    });
    console.log(JSON.stringify({rows: rows.length, headers: table.headers.length, errors}));
  })().catch(e => { console.error(e.stack || String(e)); process.exit(2); });
}
