/**
 * information_schema.routines (system-tables.md §3.11): the built-in analysis components
 * (analyzers, tokenizers, token filters, char filters) by name. Custom analyzers and UDFs will be
 * added once the catalog stores them.
 *
 * Names follow CrateDB's documentation (docs/general/ddl/analyzers.rst) and the Elasticsearch
 * analysis modules CrateDB bundles; the counts may differ slightly from a CrateDB node's
 * (45 analyzers, 16 tokenizers, 61 token filters, 3 char filters).
 */
import { C, defineSystemTable, type Row } from '../define-table.js';

const LANGUAGES = [
  'arabic', 'armenian', 'basque', 'bengali', 'brazilian', 'bulgarian', 'catalan', 'chinese', 'cjk',
  'czech', 'danish', 'dutch', 'english', 'finnish', 'french', 'galician', 'german', 'greek', 'hindi',
  'hungarian', 'indonesian', 'italian', 'latvian', 'lithuanian', 'norwegian', 'persian',
  'portuguese', 'romanian', 'russian', 'sorani', 'spanish', 'swedish', 'thai', 'turkish',
];

const BUILT_INS: Record<string, readonly string[]> = {
  ANALYZER: [
    'standard', 'default', 'simple', 'plain', 'whitespace', 'stop', 'keyword', 'pattern', 'snowball',
    'fingerprint', ...LANGUAGES,
  ],
  TOKENIZER: [
    'standard', 'classic', 'thai', 'letter', 'lowercase', 'whitespace', 'uax_url_email', 'ngram',
    'edge_ngram', 'keyword', 'pattern', 'simple_pattern', 'simple_pattern_split', 'char_group',
    'path_hierarchy', 'PathHierarchy',
  ],
  TOKEN_FILTER: [
    'apostrophe', 'arabic_normalization', 'arabic_stem', 'asciifolding', 'bengali_normalization',
    'brazilian_stem', 'cjk_bigram', 'cjk_width', 'classic', 'common_grams', 'czech_stem',
    'decimal_digit', 'delimited_payload', 'dictionary_decompounder', 'dutch_stem', 'edge_ngram',
    'elision', 'fingerprint', 'flatten_graph', 'french_stem', 'german_normalization', 'german_stem',
    'hindi_normalization', 'hunspell', 'hyphenation_decompounder', 'indic_normalization', 'keep',
    'keep_types', 'keyword_marker', 'kstem', 'length', 'limit', 'lowercase', 'min_hash', 'ngram',
    'pattern_capture', 'pattern_replace', 'persian_normalization', 'porter_stem', 'reverse',
    'russian_stem', 'scandinavian_folding', 'scandinavian_normalization', 'serbian_normalization',
    'shingle', 'snowball', 'sorani_normalization', 'stemmer', 'stemmer_override', 'stop', 'synonym',
    'synonym_graph', 'trim', 'truncate', 'unique', 'uppercase', 'word_delimiter',
    'word_delimiter_graph',
  ],
  CHAR_FILTER: ['html_strip', 'mapping', 'pattern_replace'],
};

const ROWS: Row[] = Object.entries(BUILT_INS).flatMap(([type, names]) =>
  names.map((name) => ({ routine_name: name, routine_type: type })));

export const routinesTable = defineSystemTable({
  schema: 'information_schema',
  name: 'routines',
  catalogOnly: true,
  columns: {
    routine_name: C.text,
    routine_type: C.text,
    routine_schema: C.text,
    specific_name: C.text,
    routine_body: C.text,
    routine_definition: C.text,
    data_type: C.text,
    is_deterministic: C.bool,
  },
  rows: () => ROWS,
});
