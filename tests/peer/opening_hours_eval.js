// The peer of aidant-annuaire's opening_hours evaluator, for tests/unit/check_annuaire_hours_js.c:
// reads NDJSON lines {"spec", "state", "times": [ms since the epoch]} on stdin and writes, per
// line, {"states": ["open"|"closed"|"unknown", ...]} or {"error": "..."} as opening_hours.js
// (npm package opening_hours, path in OPENING_HOURS_JS) evaluates them in the zone of TZ.
'use strict';
const OpeningHours = require(process.env.OPENING_HOURS_JS || 'opening_hours');
const readline = require('readline');

const rl = readline.createInterface({input: process.stdin, crlfDelay: Infinity});
rl.on('line', (line) => {
  const c = JSON.parse(line);
  const where = {lat: 0, lon: 0, address: {country_code: 'fr', state: c.state}};
  let oh;
  try {
    oh = new OpeningHours(c.spec, where, {mode: 0});
  } catch (e) {
    process.stdout.write(JSON.stringify({error: String(e).split('\n')[0]}) + '\n');
    return;
  }
  const states = c.times.map((t) => {
    const d = new Date(t);
    return oh.getUnknown(d) ? 'unknown' : oh.getState(d) ? 'open' : 'closed';
  });
  process.stdout.write(JSON.stringify({states}) + '\n');
});
