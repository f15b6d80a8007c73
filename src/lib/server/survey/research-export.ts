import { and, eq, inArray } from 'drizzle-orm';
import { strToU8, zipSync } from 'fflate';
import type { Db } from '../db';
import { answers, assignments, moduleSubmissions } from '../db/schema';
import { audit } from '../audit';
import type { CoachActor } from '../auth/coach';
import { listCaseload } from '../coach/caseload';
import { consentingToResearch } from '../consent';
import { compareVersions, getDefinition, latestDefinition } from './definitions';
import { csvField, exportKey, pseudonymOf, withoutSmallGroups } from './export';
import { MIN_CELL } from '../indicators/suppression';
import { momentLabel, otherCell, scoresOf, SPOKEN_MARK } from './results';
import { questionnaireText } from './texts';
import { computeResults, optionsOf, type Answer, type Item, type Questionnaire } from '$lib/survey';

/** Missing-value codes for numeric columns, declared in the codebook (SPSS and R read them as user-missing). */
export const PREFER_NOT = -99;
export const DONT_KNOW = -98;

interface Variable {
	name: string;
	label: string;
	type: 'numeric' | 'string';
	values: string;
	/** The cell of one assignment's answers. */
	cell: (given: Record<string, Answer>) => string;
}

const special = (a: Answer | undefined) =>
	a?.type === 'preferNot' ? String(PREFER_NOT) : a?.type === 'dontKnow' ? String(DONT_KNOW) : null;

/**
 * The variables of one item: a column of its own for most kinds; one 0/1 column per option for multiple choice (so
 * a statistics package counts each), plus the "other, namely" text; one column per rank for a ranking.
 */
function itemVariables(definition: Questionnaire, item: Item): Variable[] {
	const nl = (key: string) => questionnaireText(definition, 'nl', key);
	const label = nl(item.text);
	const options = optionsOf(definition, item);
	const optionValues = options.map((o) => `${o.id}=${nl(o.text)}`).join('; ');
	switch (item.type) {
		case 'note':
			return [];
		case 'multiple':
			return [
				...options.map((o): Variable => ({
					name: `${item.id}_${o.id}`,
					label: `${label}: ${nl(o.text)}`,
					type: 'numeric',
					values: '0=niet gekozen; 1=gekozen',
					cell: (g) => {
						const a = g[item.id];
						return special(a) ?? (a?.type === 'multiple' ? (a.options.includes(o.id) ? '1' : '0') : '');
					}
				})),
				...(item.other
					? [
							{
								name: `${item.id}_other`,
								label: `${label}: ${nl(item.other.text)}`,
								type: 'string' as const,
								values: `getypte tekst, of ${SPOKEN_MARK}`,
								cell: (g: Record<string, Answer>) => otherCell(g[item.id])
							}
						]
					: [])
			];
		case 'rank': {
			const places = item.pick ?? options.length;
			return Array.from({ length: places }, (_, i) => ({
				name: `${item.id}_${i + 1}`,
				label: `${label} (plaats ${i + 1})`,
				type: 'string' as const,
				values: optionValues,
				cell: (g: Record<string, Answer>) => {
					const a = g[item.id];
					return special(a) ?? (a?.type === 'rank' ? (a.options[i] ?? '') : '');
				}
			}));
		}
		case 'single':
		case 'frequency':
			return [
				{
					name: item.id,
					label,
					// Option names that are all numbers (a score's points) are a numeric variable.
					type: options.every((o) => /^-?\d+$/.test(o.id)) ? 'numeric' : 'string',
					values: optionValues,
					cell: (g) => {
						const a = g[item.id];
						return special(a) ?? (a && 'option' in a ? a.option : '');
					}
				}
			];
		case 'yesno':
			return [
				{
					name: item.id,
					label,
					type: 'numeric',
					values: '0=nee; 1=ja',
					cell: (g) => {
						const a = g[item.id];
						return special(a) ?? (a?.type === 'yesno' ? (a.value ? '1' : '0') : '');
					}
				}
			];
		case 'free':
		case 'date':
			return [
				{
					name: item.id,
					label,
					type: 'string',
					values: item.type === 'date' ? 'datum JJJJ-MM-DD' : '',
					cell: (g) => {
						const a = g[item.id];
						if (a?.type === 'free') return a.response.mode === 'text' ? a.response.text : '(gesproken)';
						return special(a) ?? (a?.type === 'date' ? a.value : '');
					}
				}
			];
		default:
			return [
				{
					name: item.id,
					label,
					type: 'numeric',
					values:
						item.type === 'faces5'
							? '1=slechtst … 5=best'
							: item.type === 'faces3'
								? '1=slechtst … 3=best'
								: item.type === 'scale10'
									? '0 … 10'
									: '',
					cell: (g) => {
						const a = g[item.id];
						return special(a) ?? (a && 'value' in a && typeof a.value === 'number' ? String(a.value) : '');
					}
				}
			];
	}
}

/**
 * The research export of one instrument: `data.csv` with one row per participant and moment (item columns, then the
 * computed scores) and `codebook.csv` (variable, label, type, values, missing values) that SPSS and R users read,
 * zipped, with a LEESMIJ. Always pseudonymised under a key for this file only, only participants who consented to
 * research, and only moments that at least MIN_CELL of them answered; audited.
 */
export async function researchExport(
	db: Db,
	coach: CoachActor,
	questionnaireId: string
): Promise<{ zip: Uint8Array; rows: number; leftOut: number } | null> {
	const visible = await listCaseload(db, coach);
	const consenting = await consentingToResearch(
		db,
		visible.map((p) => p.id)
	);
	const ids = visible.filter((p) => consenting.has(p.id)).map((p) => p.id);
	const assigned = ids.length
		? await db
				.select()
				.from(assignments)
				.where(and(eq(assignments.questionnaireId, questionnaireId), inArray(assignments.participantId, ids)))
				.orderBy(assignments.participantId, assignments.createdAt)
		: [];
	// The newest version present names the columns; items only older versions had follow at the end.
	const versions = [...new Set(assigned.map((a) => a.version))].sort(compareVersions);
	const definitions = new Map<string, Questionnaire>();
	for (const version of versions) {
		const definition = await getDefinition(db, questionnaireId, version);
		if (definition) definitions.set(version, definition);
	}
	const newest = [...definitions.values()].at(-1) ?? (await latestDefinition(db, questionnaireId));
	if (!newest) return null;
	const seen = new Set<string>();
	const variables: Variable[] = [];
	for (const definition of [newest, ...[...definitions.values()].reverse()])
		for (const item of definition.modules.flatMap((m) => m.items)) {
			if (seen.has(item.id)) continue;
			seen.add(item.id);
			variables.push(...itemVariables(definition, item));
		}
	const scoreNames = (newest.computed ?? []).filter((c) => c.fn === 'calculate').map((c) => c.id);
	const scoreLabels = new Map(
		scoresOf(newest, computeResults(newest, {})).map((s) => [s.id, s.label] as const)
	);

	const sentRows = assigned.length
		? await db
				.select({ assignmentId: moduleSubmissions.assignmentId, moduleId: moduleSubmissions.moduleId })
				.from(moduleSubmissions)
				.where(
					inArray(
						moduleSubmissions.assignmentId,
						assigned.map((a) => a.id)
					)
				)
		: [];
	const sent = new Set(sentRows.map((s) => `${s.assignmentId}/${s.moduleId}`));
	const answerRows = assigned.length
		? await db
				.select()
				.from(answers)
				.where(
					inArray(
						answers.assignmentId,
						assigned.map((a) => a.id)
					)
				)
		: [];
	const byAssignment = new Map<string, Record<string, Answer>>();
	for (const row of answerRows) {
		if (!row.value || !sent.has(`${row.assignmentId}/${row.moduleId}`)) continue; // only what was sent
		const given = byAssignment.get(row.assignmentId) ?? {};
		given[row.itemId] = row.value as Answer;
		byAssignment.set(row.assignmentId, given);
	}

	const key = exportKey();
	const header = ['participant', 'moment', 'wave', 'version', ...variables.map((v) => v.name), ...scoreNames];
	const answered = assigned.filter((a) => byAssignment.has(a.id)); // nothing sent yet: no row
	const { kept, leftOut } = withoutSmallGroups(answered, momentLabel, (a) => a.participantId);
	const lines = [header.map(csvField).join(',')];
	for (const assignment of kept) {
		const given = byAssignment.get(assignment.id)!;
		const definition = definitions.get(assignment.version) ?? newest;
		const scores = new Map(
			scoresOf(definition, computeResults(definition, given)).map((s) => [s.id, s.value] as const)
		);
		lines.push(
			[
				pseudonymOf(key, assignment.participantId),
				momentLabel(assignment),
				assignment.wave,
				assignment.version,
				...variables.map((v) => v.cell(given)),
				...scoreNames.map((id) => {
					const value = scores.get(id);
					return value === null || value === undefined ? '' : String(value);
				})
			]
				.map(csvField)
				.join(',')
		);
	}
	const missing = `${PREFER_NOT}=wil ik niet zeggen; ${DONT_KNOW}=weet ik niet; leeg=niet gevraagd of niet beantwoord`;
	const codebook = [
		['variable', 'label', 'type', 'values', 'missing'].join(','),
		...[
			[
				'participant',
				'Pseudoniem: een code per deelnemer, alleen geldig in dit bestand (een nieuwe download geeft nieuwe codes)',
				'string',
				'',
				''
			],
			['moment', 'Moment van afname', 'string', '', ''],
			['wave', 'Meetmoment (T0 intake, T1 evaluatie, moment: los)', 'string', 'T0; T1; moment', ''],
			['version', 'Versie van de vragenlijst', 'string', '', ''],
			...variables.map((v) => [v.name, v.label, v.type, v.values, v.type === 'numeric' ? missing : '']),
			...scoreNames.map((id) => [id, `Berekende score: ${scoreLabels.get(id) ?? id}`, 'numeric', '', ''])
		].map((row) => row.map(csvField).join(','))
	];
	const bom = '\uFEFF';
	const readme = [
		`Onderzoeksbestand van vragenlijst ${questionnaireId}, gemaakt ${new Date().toISOString().slice(0, 10)}.`,
		'Alleen deelnemers die ja zeiden tegen onderzoek. Geen namen: elke deelnemer heeft een code die alleen in dit',
		'bestand geldt. Een nieuwe download geeft nieuwe codes, zodat bestanden niet aan elkaar te koppelen zijn.',
		`Momenten met minder dan ${MIN_CELL} deelnemers zijn weggelaten, zodat niemand herkenbaar is.`,
		`In dit bestand: ${lines.length - 1} rijen; weggelaten: ${leftOut} rijen.`
	].join('\r\n');
	const zip = zipSync({
		'data.csv': strToU8(bom + lines.join('\r\n') + '\r\n'),
		'codebook.csv': strToU8(bom + codebook.join('\r\n') + '\r\n'),
		'LEESMIJ.txt': strToU8(bom + readme + '\r\n')
	});
	await audit(
		db,
		{ type: 'coach', id: coach.id },
		{
			action: 'answers.exported',
			details: {
				questionnaireId,
				pseudonymise: true,
				research: true,
				rows: lines.length - 1,
				leftOut: visible.length - ids.length,
				smallGroupRowsLeftOut: leftOut
			}
		}
	);
	return { zip, rows: lines.length - 1, leftOut };
}
