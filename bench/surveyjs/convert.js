// The intake's first module as a SurveyJS survey (issue 17: "≥ 3.5× less JavaScript than the SurveyJS page, which
// `bench/` builds from the same module definition"). One question per page, as Opstap shows one per screen; the
// Dutch texts from locales/nl; skip logic (`showIf`) as `visibleIf` where it maps simply.
// `node bench/surveyjs/convert.js` prints the SurveyJS JSON.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('../../', import.meta.url);
const readJson = (path) => JSON.parse(readFileSync(new URL(path, root), 'utf8'));

/**
 * Items no longer asked in a questionnaire (consent is asked after pairing, issue 16): a module of only these is not
 * shown, so the participant's first module is the first one with anything else. The same list as
 * RETIRED_CONSENT_ITEMS in src/lib/server/survey/participant-view.ts (a server module, not importable here).
 */
export const RETIRED_CONSENT_ITEMS = ['understood', 'researchConsent'];

/** The module a participant answers first: the first one that is not only retired consent questions. */
export function firstModule(definition) {
	const module = definition.modules.find(
		(m) => m.items.length > 0 && !m.items.every((i) => RETIRED_CONSENT_ITEMS.includes(i.id))
	);
	if (!module) throw new Error(`${definition.id}: no module to answer`);
	return module;
}

/** A text key (`intake.aboutMe.title`) in a locale file's object, or the key itself when missing. */
function lookup(texts, key) {
	let value = texts;
	for (const part of key.split('.')) value = value?.[part];
	return typeof value === 'string' ? value : key;
}

const quote = (v) => (typeof v === 'string' ? `'${v.replace(/'/g, "\\'")}'` : String(v));

/** A showIf condition as a SurveyJS expression, or null when it does not map simply. */
export function toExpression(condition) {
	if (condition.all || condition.any) {
		const parts = (condition.all ?? condition.any).map(toExpression);
		if (parts.some((p) => p === null)) return null;
		return `(${parts.join(condition.all ? ' and ' : ' or ')})`;
	}
	if (condition.not) {
		const inner = toExpression(condition.not);
		return inner === null ? null : `!(${inner})`;
	}
	const name = `{${condition.item}}`;
	const list = () => `[${[condition.value].flat().map(quote).join(', ')}]`;
	switch (condition.op) {
		case 'answered':
			return `${name} notempty`;
		case 'equals':
			return `${name} = ${quote(condition.value)}`;
		case 'notEquals':
			return `${name} <> ${quote(condition.value)}`;
		case 'in':
			return `${name} anyof ${list()}`;
		case 'notIn':
			return `${name} noneof ${list()}`;
		case 'gte':
			return `${name} >= ${quote(condition.value)}`;
		case 'lte':
			return `${name} <= ${quote(condition.value)}`;
		case 'includes':
			return `${name} contains ${quote(condition.value)}`;
		default:
			return null;
	}
}

/**
 * One module of a definition as a SurveyJS JSON: a page per item.
 * @param {any} definition the questionnaire (src/lib/survey/definitions/*.json)
 * @param {any} module one of its modules
 * @param {{ survey: any, participant: any }} texts locales/nl/survey.json and locales/nl/participant.json
 */
export function toSurveyJs(definition, module, texts) {
	const t = (key) => lookup(texts.survey, key);
	const p = (key) => lookup(texts.participant, key);
	const choices = (item) =>
		(item.options ?? definition.optionLists?.[item.optionList] ?? []).map((o) => ({
			value: o.id,
			text: t(o.text),
			...(o.exclusive ? { isExclusive: true } : {})
		}));
	const extras = (item) => ({
		...(item.allowPreferNot ? { showRefuseItem: true, refuseText: p('answer.preferNot') } : {}),
		...(item.allowDontKnow ? { showDontKnowItem: true, dontKnowText: p('answer.dontKnow') } : {})
	});
	const faces = (item, count) => {
		const scale = item.scale === 'agreement' ? 'agree' : 'faces';
		return {
			type: 'rating',
			rateType: 'smileys',
			// A rating has no "prefer not to say" choice in SurveyJS: left out.
			rateValues: Array.from({ length: count }, (_, i) => {
				const n = count === 3 ? [1, 3, 5][i] : i + 1;
				return { value: n, text: p(`${scale}.${n}`) };
			})
		};
	};
	const question = (item) => {
		switch (item.type) {
			case 'single':
			case 'frequency':
				return { type: 'radiogroup', choices: choices(item), ...extras(item) };
			case 'multiple':
				return {
					type: 'checkbox',
					choices: choices(item),
					...(item.other ? { showOtherItem: true, otherText: t(item.other.text) } : {}),
					...extras(item)
				};
			case 'faces5':
				return faces(item, 5);
			case 'faces3':
				return faces(item, 3);
			case 'scale10':
				return {
					type: 'rating',
					rateMin: 1,
					rateMax: 10,
					minRateDescription: item.minLabel ? t(item.minLabel) : p('scale10.low'),
					maxRateDescription: item.maxLabel ? t(item.maxLabel) : p('scale10.high')
				};
			case 'yesno':
				return { type: 'boolean', labelTrue: p('answer.yes'), labelFalse: p('answer.no') };
			case 'number':
				return { type: 'text', inputType: 'number', min: item.min, max: item.max };
			case 'date':
				return { type: 'text', inputType: 'date', min: item.min, max: item.max };
			case 'rank':
				return {
					type: 'ranking',
					choices: choices(item),
					selectToRankEnabled: true,
					maxSelectedChoices: item.pick
				};
			case 'free':
				return { type: 'comment', maxLength: item.maxLength };
			default:
				throw new Error(`${item.id}: no SurveyJS question for type ${item.type}`);
		}
	};
	return {
		title: t(module.title),
		locale: 'nl',
		showQuestionNumbers: 'off',
		pages: module.items.map((item) => {
			const visibleIf = item.showIf ? toExpression(item.showIf) : null;
			return {
				name: item.id,
				elements: [
					{
						name: item.id,
						title: t(item.text),
						...(item.required ? { isRequired: true } : {}),
						...(visibleIf ? { visibleIf } : {}),
						...question(item)
					}
				]
			};
		})
	};
}

/** The shipped intake's first module with its Dutch texts, as SurveyJS JSON. */
export function intakeFirstModule() {
	const definition = readJson('src/lib/survey/definitions/intake.json');
	const texts = {
		survey: readJson('locales/nl/survey.json'),
		participant: readJson('locales/nl/participant.json')
	};
	return toSurveyJs(definition, firstModule(definition), texts);
}

if (process.argv[1] === fileURLToPath(import.meta.url))
	console.log(JSON.stringify(intakeFirstModule(), null, '\t'));
