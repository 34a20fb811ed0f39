// The directory as CSV (csv-parse / csv-stringify): one row per entry, the columns below. Reading
// checks the whole file before anything is saved and names every problem by row and column.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { MessageKey } from '../errors';
import { isErrorKey } from '../errors';
import type { Resource, ResourceArea } from './resources.schema';
import { descriptionLocales, ZResourceFields } from './resources.validation';
import { toResourceValues, type ResourceValues } from './resource-row';

/** The columns, in the order an export writes them; a file may leave optional ones out. */
export const csvColumns = [
	'name',
	'kind',
	'categories',
	...descriptionLocales.map((l) => `description_${l}` as const),
	'address',
	'area',
	'latitude',
	'longitude',
	'opening_times',
	'cost',
	'step_free',
	'wheelchair',
	'hearing_loop',
	'transport',
	'languages',
	'contact',
	'website',
	'scope',
	'last_checked'
] as const;
type Column = (typeof csvColumns)[number];
export const requiredColumns: readonly Column[] = ['name', 'kind', 'categories', 'cost', 'scope'];

/** The form field each column fills. */
const fieldOf: Record<Column, string> = {
	name: 'name',
	kind: 'kind',
	categories: 'categories',
	description_en: 'description_en',
	description_th: 'description_th',
	description_da: 'description_da',
	description_de: 'description_de',
	description_sw: 'description_sw',
	description_he: 'description_he',
	address: 'address',
	area: 'area',
	latitude: 'lat',
	longitude: 'lon',
	opening_times: 'openingTimes',
	cost: 'cost',
	step_free: 'stepFree',
	wheelchair: 'wheelchair',
	hearing_loop: 'hearingLoop',
	transport: 'transport',
	languages: 'languages',
	contact: 'contact',
	website: 'website',
	scope: 'scope',
	last_checked: 'lastCheckedOn'
};
const columnOf = new Map(Object.entries(fieldOf).map(([c, f]) => [f, c]));
const yesNoColumns = new Set<Column>(['step_free', 'wheelchair', 'hearing_loop']);

/** At most this many rows in one file. */
export const MAX_CSV_ROWS = 2000;

/** A problem of the file: `row` counts the header as row 1, as a spreadsheet does. */
export type CsvIssue = { row: number | null; column: string | null; message: MessageKey };
export type CsvResult = { rows: ResourceValues[]; issues: CsvIssue[] };

const yes = new Set(['yes', 'y', 'true', '1', 'ja', 'x']);
const no = new Set(['no', 'n', 'false', '0', 'nej', '']);

/** The text of an uploaded file, or null when it is not UTF-8. A byte-order mark is dropped. */
export function decodeCsv(bytes: Uint8Array): string | null {
	try {
		return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
	} catch {
		return null;
	}
}

/**
 * Reads a whole file against the site's areas. Rows are returned only when there is no issue at
 * all; `today` is the last-checked day of a row that gives none.
 */
export function readResourceCsv(
	text: string,
	areas: readonly Pick<ResourceArea, 'id' | 'name'>[],
	today: string
): CsvResult {
	let records: string[][];
	try {
		records = parse(text.replace(/^\uFEFF/, ''), {
			skip_empty_lines: true,
			relax_column_count: true,
			max_record_size: 20_000
		}) as string[][];
	} catch {
		return { rows: [], issues: [{ row: null, column: null, message: 'res_csv_err_unreadable' }] };
	}
	const [header, ...body] = records;
	if (!header)
		return { rows: [], issues: [{ row: null, column: null, message: 'res_csv_err_empty' }] };
	const issues: CsvIssue[] = [];
	const names = header.map((h) => h.trim().toLowerCase());
	const known = new Set<string>(csvColumns);
	const seen = new Set<string>();
	for (const n of names) {
		if (!known.has(n))
			issues.push({ row: 1, column: n || '?', message: 'res_csv_err_unknown_column' });
		else if (seen.has(n))
			issues.push({ row: 1, column: n, message: 'res_csv_err_repeated_column' });
		seen.add(n);
	}
	for (const r of requiredColumns)
		if (!seen.has(r)) issues.push({ row: 1, column: r, message: 'res_csv_err_missing_column' });
	if (issues.length > 0) return { rows: [], issues };
	if (body.length === 0)
		return { rows: [], issues: [{ row: null, column: null, message: 'res_csv_err_empty' }] };
	if (body.length > MAX_CSV_ROWS)
		return { rows: [], issues: [{ row: null, column: null, message: 'res_csv_err_too_many' }] };

	const rows: ResourceValues[] = [];
	const keys = new Map<string, number>();
	body.forEach((record, i) => {
		const row = i + 2;
		if (record.length !== names.length) {
			issues.push({ row, column: null, message: 'res_csv_err_cell_count' });
			return;
		}
		const form: Record<string, unknown> = { lastCheckedOn: today, languages: '' };
		let rowOk = true;
		names.forEach((n, j) => {
			const column = n as Column;
			const cell = unguard((record[j] ?? '').trim());
			if (yesNoColumns.has(column)) {
				const v = cell.toLowerCase();
				if (!yes.has(v) && !no.has(v)) {
					issues.push({ row, column, message: 'res_csv_err_yes_no' });
					rowOk = false;
				}
				form[fieldOf[column]] = yes.has(v);
			} else if (column === 'categories')
				form.categories = cell
					.split(/[;,]/)
					.map((c) => c.trim().toLowerCase())
					.filter(Boolean);
			else if (column === 'last_checked') form.lastCheckedOn = cell || today;
			else form[fieldOf[column]] = cell;
		});
		const parsed = ZResourceFields.safeParse(form);
		if (!parsed.success) {
			const told = new Set<string>();
			for (const issue of parsed.error.issues) {
				const column = columnOf.get(String(issue.path[0] ?? '')) ?? null;
				if (told.has(String(column))) continue;
				told.add(String(column));
				issues.push({
					row,
					column,
					message: isErrorKey(issue.message) ? issue.message : 'err_invalid'
				});
			}
			return;
		}
		if (!rowOk) return;
		const values = toResourceValues(parsed.data, areas);
		if (!values.ok) {
			issues.push({ row, column: 'area', message: 'res_err_area' });
			return;
		}
		const key = `${values.values.name.toLowerCase()}\u0000${(values.values.address ?? '').toLowerCase()}`;
		if (keys.has(key)) {
			issues.push({ row, column: 'name', message: 'res_csv_err_duplicate_row' });
			return;
		}
		keys.set(key, row);
		rows.push(values.values);
	});
	return issues.length > 0 ? { rows: [], issues } : { rows, issues };
}

/**
 * A spreadsheet runs a cell that starts with = + - or @ as a formula: text cells that do are
 * written with a leading apostrophe (which spreadsheets hide), and read back without it.
 */
const guard = (s: string): string => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
const unguard = (s: string): string => s.replace(/^'(?=[=+\-@])/, '');

/** The directory as a CSV file that reads back in unchanged. */
export function writeResourceCsv(
	entries: readonly Resource[],
	areas: readonly Pick<ResourceArea, 'id' | 'name'>[]
): string {
	const areaName = new Map(areas.map((a) => [a.id, a.name]));
	const yesNo = (b: boolean) => (b ? 'yes' : 'no');
	return stringify(
		entries.map((r) => [
			guard(r.name),
			r.kind,
			r.categories.join(';'),
			...descriptionLocales.map((l) => guard(r.descriptions[l] ?? '')),
			guard(r.address),
			guard(r.areaId ? (areaName.get(r.areaId) ?? '') : ''),
			r.lat ?? '',
			r.lon ?? '',
			guard(r.openingTimes),
			r.cost,
			yesNo(r.stepFree),
			yesNo(r.wheelchair),
			yesNo(r.hearingLoop),
			guard(r.transport),
			r.languages.join(' '),
			guard(r.contact),
			guard(r.website),
			r.scope,
			r.lastCheckedOn
		]),
		{ header: true, columns: [...csvColumns] }
	);
}
