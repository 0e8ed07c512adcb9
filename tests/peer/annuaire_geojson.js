// The GeoJSON validators of the annuaire's peer tests, on one FeatureCollection:
//   node annuaire_geojson.js CHECK_GEOJSON_DIR GEOJSON_VALIDATION_DIR FILE
// prints {features, check_geojson: [errors], geojson_validation: [errors]}.
'use strict';
const fs = require('fs');
const [checkDir, validationDir, file] = process.argv.slice(2);
const text = fs.readFileSync(file, 'utf8');
const out = {features: JSON.parse(text).features.length, check_geojson: [], geojson_validation: []};

const {check} = require(checkDir + '/node_modules/@placemarkio/check-geojson');
try {
  check(text);
} catch (e) {
  out.check_geojson = (e.issues || [e]).map(i => i.message);
}
const gjv = require(validationDir + '/node_modules/geojson-validation');
gjv.valid(JSON.parse(text), (valid, errs) => { if (!valid) out.geojson_validation = errs; });
console.log(JSON.stringify(out));
