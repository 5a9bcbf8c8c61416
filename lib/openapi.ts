// GET /api/openapi.json: the JSON API described as OpenAPI 3.1 — every route under app/api (a test keeps the
// two in step), its parameters and the shapes of its answers. Filter parameters, code lists and the fact row
// come from the modules that define them (lib/filters, lib/vocab, lib/export/columns), never copied here.
import { COLUMNS, type ColumnType } from './export/columns';
import { PAGE_SIZE } from './export/request';
import { FILTER_KEYS, MAX_FILTER_VALUES, MULTI_FILTER_KEYS } from './filters';
import { MEASURES, QUALIFIER_ENTRIES, REVIEW_STATUSES } from './vocab/codes';
import { ACTION_CLASS_KEYS, OBJECT_CLASS_KEYS } from './vocab/facets';
import { PLACE_LEVEL_DEFINITIONS } from './vocab/places';
import { UNITS } from './vocab/units';

type Schema = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Schema, description: string) => ({ description, content: { 'application/json': { schema } } });
const ERRORS = {
  400: json(ref('Error'), 'A bad parameter or body: `parameter` names it'),
  500: json(ref('Error'), 'Something failed on the server'),
};
const EDITOR_ERRORS = {
  401: json(ref('Error'), 'Not signed in as an editor'),
  403: json(ref('Error'), 'A cross-site request, or a missing or wrong CSRF token'),
};

const FILTER_DESCRIPTIONS: Record<string, string> = {
  district: `an official ${PLACE_LEVEL_DEFINITIONS.district.digits}-digit district code`,
  street: `an official ${PLACE_LEVEL_DEFINITIONS.street.digits}-digit street (街道/镇/乡) code`,
  community: `an official ${PLACE_LEVEL_DEFINITIONS.community.digits}-digit community (社区/村) code`,
  metric: 'a metric key of the taxonomy (GET /api/metrics); the figure\'s effective metric',
  object_class: 'the class of what the figure counts (enterprise, problem, household …), as the extractor found it',
  action_class: 'the class of the action the figure reports (visit, resolve, invest …), as the extractor found it',
  from: 'the first day, YYYY-MM-DD', to: 'the last day, YYYY-MM-DD',
  qualifier: 'how exact the figure is', source: 'the name of a source (publication)',
  review_status: `an editor's decision; rejected figures appear only when asked for here or by include_rejected`,
};

/** The filters that take a code of a fixed list. */
const FILTER_CODES: Partial<Record<string, readonly string[]>> = {
  qualifier: QUALIFIER_ENTRIES.map((q) => q.code), review_status: REVIEW_STATUSES,
  object_class: OBJECT_CLASS_KEYS, action_class: ACTION_CLASS_KEYS,
};

function filterParameters(): Schema[] {
  return FILTER_KEYS.map((key) => {
    const several = (MULTI_FILTER_KEYS as readonly string[]).includes(key);
    const codes = FILTER_CODES[key];
    const one: Schema = codes ? { type: 'string', enum: [...codes] }
      : key === 'from' || key === 'to' ? { type: 'string', format: 'date' }
        : key === 'district' || key === 'street' || key === 'community' ? { type: 'string', pattern: `^\\d{${PLACE_LEVEL_DEFINITIONS[key].digits}}$` }
          : { type: 'string' };
    return {
      name: key, in: 'query', required: false,
      description: `${FILTER_DESCRIPTIONS[key]}${several ? `; repeat the parameter for several (any matches), at most ${MAX_FILTER_VALUES}` : ''}`,
      schema: several ? { type: 'array', items: one, maxItems: MAX_FILTER_VALUES } : one,
      ...(several ? { style: 'form', explode: true } : {}),
    };
  });
}

const scopeParameters: Schema[] = [
  { name: 'unit', in: 'query', required: false, description: 'only figures in this (effective) unit', schema: { type: 'string', enum: [...UNITS] } },
  { name: 'measure', in: 'query', required: false, description: 'only figures a chart of this measure draws', schema: { type: 'string', enum: MEASURES.filter((m) => m !== 'attribute') } },
  { name: 'pick', in: 'query', required: false, description: 'a chart bar: street:CODE, community:CODE, street:none, community:none or period:PERIOD', schema: { type: 'string' } },
  { name: 'include_rejected', in: 'query', required: false, description: 'include figures an editor rejected', schema: { type: 'string', enum: ['0', '1'] } },
];

const COLUMN_TYPES: Record<ColumnType, Schema> = {
  integer: { type: ['integer', 'null'] }, number: { type: ['number', 'null'] }, text: { type: ['string', 'null'] },
  boolean: { type: ['boolean', 'null'] }, date: { type: ['string', 'null'], format: 'date' }, code: { type: ['string', 'null'] },
};

const pathId = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string', pattern: '^\\d+$' } });

/** The OpenAPI document of the JSON API. `server`: the base URL the API is reached at. */
export function openApiDocument(server: string): Schema {
  const filters = filterParameters();
  return {
    openapi: '3.1.0',
    info: {
      title: 'Civic Figures (数说基层) API',
      version: '1',
      description: 'Figures extracted from local-government news, as reviewed (effective value, unit and metric). Every error answers {error, parameter?}. The pages\' data twins (/overview.json, /facts/ID.json …) and the exports (/export/facts.csv, .jsonl) take the same filter parameters.',
    },
    servers: [{ url: server }],
    paths: {
      '/api/facts': {
        get: {
          summary: 'One page of figures in id order, with the cursor of the next page',
          parameters: [...filters, ...scopeParameters,
            { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: PAGE_SIZE.max, default: PAGE_SIZE.default } },
            { name: 'cursor', in: 'query', required: false, description: 'next_cursor of the previous page (valid for the same filters only)', schema: { type: 'string' } }],
          responses: { 200: json({ type: 'object', required: ['rows', 'next_cursor', 'limit'], properties: { rows: { type: 'array', items: ref('Fact') }, next_cursor: { type: ['string', 'null'] }, limit: { type: 'integer' } } }, 'A page of figures'), ...ERRORS },
        },
      },
      '/api/facts/count': {
        get: { summary: 'How many figures the filters select', parameters: [...filters, ...scopeParameters], responses: { 200: json({ type: 'object', properties: { count: { type: 'integer' } } }, 'The count'), ...ERRORS } },
      },
      '/api/facts/{id}/review': {
        post: {
          summary: 'An editor\'s decision on a figure (JSON with X-CSRF-Token; a form post is redirected back)',
          parameters: [pathId('id', 'the figure\'s id')],
          requestBody: { required: true, content: { 'application/json': { schema: ref('ReviewInput') } } },
          responses: { 200: json({ type: 'object' }, 'The decision as stored, with the figure before and after'), 404: json(ref('Error'), 'No such figure'), 413: json(ref('Error'), 'A body over 64 KB'), ...EDITOR_ERRORS, ...ERRORS },
        },
      },
      '/api/checks': {
        get: {
          summary: 'The arithmetic and consistency checks of the figures the filters select (as /checks.json)',
          parameters: [...filters, { name: 'kind', in: 'query', required: false, schema: { type: 'string' } }, { name: 'verdict', in: 'query', required: false, schema: { type: 'string', enum: ['holds', 'off', 'cannot_tell'] } },
            { name: 'page', in: 'query', required: false, schema: { type: 'integer', minimum: 1 } }],
          responses: { 200: json({ type: 'object', properties: { counts: { type: 'object' }, checks: { type: 'array', items: { type: 'object' } } } }, 'The checks; numbers exact'), ...ERRORS },
        },
      },
      '/api/metrics': { get: { summary: 'The metric taxonomy: keys, labels, groups, units', responses: { 200: json({ type: 'object', properties: { metrics: { type: 'array', items: { type: 'object' } } } }, 'The metrics'), ...ERRORS } } },
      '/api/places': {
        get: {
          summary: 'Every place figures are placed in, with code, level and counts',
          parameters: [{ name: 'level', in: 'query', required: false, schema: { type: 'string', enum: ['district', 'street', 'community'] } }],
          responses: { 200: json({ type: 'object', properties: { places: { type: 'array', items: { type: 'object' } } } }, 'The places'), ...ERRORS },
        },
      },
      '/api/articles': {
        post: {
          summary: 'An editor adds articles (JSON, or a multipart form with files); ?preview=1 extracts and answers without storing',
          parameters: [{ name: 'preview', in: 'query', required: false, schema: { type: 'string', enum: ['0', '1'] } }],
          requestBody: { required: true, content: { 'application/json': { schema: ref('Submission') }, 'multipart/form-data': { schema: { allOf: [ref('Submission'), { type: 'object', properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } } } }] } } } },
          responses: { 200: json({ type: 'object' }, 'Nothing new (duplicates), or the preview'), 201: json({ type: 'object' }, 'Articles stored: each with its figures'), 413: json(ref('Error'), 'A body or file over the limit'), 415: json(ref('Error'), 'Neither JSON nor multipart'), ...EDITOR_ERRORS, ...ERRORS },
        },
      },
      '/api/articles/{id}': {
        delete: { summary: 'An editor deletes an article and its figures', parameters: [pathId('id', 'the article\'s id')], responses: { 200: json({ type: 'object' }, 'Deleted'), 404: json(ref('Error'), 'No such article'), ...EDITOR_ERRORS, ...ERRORS } },
      },
      '/api/auth/login': {
        post: { summary: 'Sign in (JSON {name, password} answers JSON with the CSRF token; a form post is redirected)', requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['name', 'password'], properties: { name: { type: 'string' }, password: { type: 'string' } } } } } }, responses: { 200: json({ type: 'object', properties: { user: { type: 'object' }, csrfToken: { type: 'string' } } }, 'Signed in: the session cookie is set'), 303: { description: 'A form post, redirected' }, 413: json(ref('Error'), 'A body over 16 KB'), 401: json(ref('Error'), 'Wrong name or password'), 429: json(ref('Error'), 'Too many wrong passwords'), 403: EDITOR_ERRORS[403], ...ERRORS } },
      },
      '/api/auth/logout': { post: { summary: 'Sign out: the session ends and the browser is sent back to the overview', responses: { 303: { description: 'Signed out, redirected' }, 403: EDITOR_ERRORS[403] } } },
      '/api/sources': {
        get: { summary: 'For editors: every source the crawler reads, with its settings, article count and last crawl', responses: { 200: json({ type: 'object' }, 'The sources'), ...EDITOR_ERRORS, ...ERRORS } },
      },
      '/api/sources/{id}/crawl': {
        post: {
          summary: 'For editors: crawl a source now (a background run, one at a time per source); a form post is redirected to /sources',
          parameters: [pathId('id', 'the source\'s id')],
          responses: { 202: json({ type: 'object', properties: { status: { type: 'string' }, runId: { type: 'integer' } } }, 'The crawl started'), 303: { description: 'A form post, redirected' }, 404: json(ref('Error'), 'No such source'), 409: json(ref('Error'), 'A crawl of the source is running'), ...EDITOR_ERRORS, ...ERRORS },
        },
      },
      '/api/health': { get: { summary: 'The server is up, with the database\'s totals', responses: { 200: json({ type: 'object', properties: { ok: { type: 'boolean' } } }, 'Up') } } },
      '/api/views/{view}/{key}/{format}': {
        get: {
          summary: 'A page\'s data twin; reached as /overview.json, /checks.csv, /facts/ID.json, /articles/ID.csv, /places/CODE.json, /search.json',
          parameters: [
            { name: 'view', in: 'path', required: true, schema: { type: 'string', enum: ['overview', 'checks', 'search', 'facts', 'articles', 'places'] } },
            { name: 'key', in: 'path', required: true, description: 'the figure, article or place; "-" for the views of many', schema: { type: 'string' } },
            { name: 'format', in: 'path', required: true, schema: { type: 'string', enum: ['json', 'csv'] } },
            ...filters,
          ],
          responses: { 200: { description: 'The view\'s data, values in base units', content: { 'application/json': { schema: { type: 'object' } }, 'text/csv': { schema: { type: 'string' } } } }, 404: json(ref('Error'), 'No such figure, article or place'), ...ERRORS },
        },
      },
      '/api/openapi.json': { get: { summary: 'This description', responses: { 200: json({ type: 'object' }, 'OpenAPI 3.1') } } },
    },
    components: {
      schemas: {
        Error: { type: 'object', required: ['error'], properties: { error: { type: 'string', description: 'what was wrong, starting with the parameter\'s name' }, parameter: { type: 'string', description: 'the query parameter at fault' }, field: { type: 'string', description: 'the body field at fault (reviews)' } } },
        Fact: {
          type: 'object',
          description: 'One figure: the columns of the data dictionary (/export/README)',
          properties: Object.fromEntries(COLUMNS.map((c) => [c.name, { ...COLUMN_TYPES[c.type], description: c.description }])),
        },
        ReviewInput: {
          type: 'object', required: ['status'],
          properties: { status: { type: 'string', enum: [...REVIEW_STATUSES] }, value: { type: 'string', description: '594, 14亿, 8000万' }, unit: { type: 'string', enum: [...UNITS] }, metric: { type: 'string' }, reason: { type: 'string', maxLength: 2000 } },
        },
        Submission: {
          type: 'object',
          properties: { text: { type: 'string' }, source: { type: 'string' }, district: { type: 'string' }, published: { type: 'string', format: 'date' }, title: { type: 'string' }, url: { type: 'string', format: 'uri' } },
        },
      },
    },
  };
}
