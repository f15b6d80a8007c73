import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import FaceScale from '../../src/lib/components/participant/FaceScale.svelte';
import ZeroTenScale from '../../src/lib/components/participant/ZeroTenScale.svelte';
import YesNo from '../../src/lib/components/participant/YesNo.svelte';
import ChoiceHarness from './ChoiceHarness.svelte';
import Choice from '../../src/lib/components/participant/Choice.svelte';
import { i18nContext, SERVER_VOICE, texts } from './i18n';

const nl = texts('nl');

describe('FaceScale', () => {
	it('offers five named faces as radios, each with its own speaker', async () => {
		render(FaceScale, {
			props: { name: 'mood', questionKey: 'kit.mood' },
			context: i18nContext('nl', {}, SERVER_VOICE)
		});
		const group = screen.getByRole('group', { name: new RegExp(nl.kit.mood) });
		const radios = within(group).getAllByRole('radio');
		expect(radios).toHaveLength(5);
		for (const n of [1, 2, 3, 4, 5]) {
			expect(within(group).getByRole('radio', { name: nl.faces[n] })).toBeInTheDocument();
			expect(within(group).getByRole('button', { name: `Luister: ${nl.faces[n]}` })).toBeInTheDocument();
		}
		await userEvent.click(within(group).getByText(nl.faces[4]));
		expect(within(group).getByRole('radio', { name: nl.faces[4] })).toBeChecked();
	});

	it('names the faces true … not true for a statement to agree with', () => {
		render(FaceScale, {
			props: { name: 'solve', questionKey: 'kit.mood', scale: 'agreement' },
			context: i18nContext('nl', {}, SERVER_VOICE)
		});
		expect(screen.getByRole('radio', { name: nl.agree[1] })).toHaveAttribute('value', '1');
		expect(screen.getByRole('radio', { name: nl.agree[5] })).toHaveAttribute('value', '5');
		expect(screen.queryByRole('radio', { name: nl.faces[1] })).toBeNull();
	});

	it('has a three-face version with the sad, middle and happy face', () => {
		render(FaceScale, {
			props: { name: 'm3', questionKey: 'kit.mood', points: 3 },
			context: i18nContext('nl', {}, SERVER_VOICE)
		});
		expect(screen.getAllByRole('radio').map((r) => r.getAttribute('value'))).toEqual(['1', '2', '3']);
		expect(screen.getByRole('radio', { name: nl.faces[3] })).toBeInTheDocument();
	});

	it("names the faces with the instrument's own words when it has them, each spoken", () => {
		// Any keys do for the component: here three of the app's own texts stand for an instrument's.
		const own = ['answer.yes', 'answer.no', 'answer.preferNot'];
		render(FaceScale, {
			props: { name: 'own', questionKey: 'kit.mood', points: 3, labels: own },
			context: i18nContext('nl', {}, SERVER_VOICE)
		});
		expect(
			screen.getAllByRole('radio').map((r) => (r as HTMLInputElement).labels?.[0]?.textContent?.trim())
		).toEqual([nl.answer.yes, nl.answer.no, nl.answer.preferNot]);
		expect(screen.queryByRole('radio', { name: nl.faces[1] })).toBeNull();
		expect(screen.getAllByRole('button', { name: new RegExp(nl.answer.no) }).length).toBeGreaterThan(0);
	});
});

describe('ZeroTenScale', () => {
	it('has 0 to 10 with both ends named, in the language’s own digits', async () => {
		render(ZeroTenScale, {
			props: { name: 'life', questionKey: 'kit.satisfied' },
			context: i18nContext('ar', {}, SERVER_VOICE)
		});
		const ar = texts('ar');
		const radios = screen.getAllByRole('radio');
		expect(radios).toHaveLength(11);
		const zero = new Intl.NumberFormat('ar').format(0);
		expect(screen.getByRole('radio', { name: new RegExp(`${ar.scale10.low}$`) })).toHaveAttribute(
			'value',
			'0'
		);
		expect(screen.getByRole('radio', { name: new RegExp(`${ar.scale10.high}$`) })).toHaveAttribute(
			'value',
			'10'
		);
		expect(screen.getAllByText(zero, { exact: true }).length).toBeGreaterThan(0);
		await userEvent.click(radios[7]!);
		expect(radios[7]).toBeChecked();
	});
});

describe('YesNo', () => {
	it('offers yes, no and "I’d rather not say", or just yes and no', () => {
		const { unmount } = render(YesNo, {
			props: { name: 'alone', questionKey: 'kit.livesAlone' },
			context: i18nContext('nl', {}, SERVER_VOICE)
		});
		expect(screen.getAllByRole('radio').map((r) => r.getAttribute('value'))).toEqual([
			'yes',
			'no',
			'prefer_not'
		]);
		expect(screen.getByRole('radio', { name: nl.answer.preferNot })).toBeInTheDocument();
		unmount();
		render(YesNo, {
			props: { name: 'a2', questionKey: 'kit.livesAlone', preferNot: false },
			context: i18nContext('nl', {}, SERVER_VOICE)
		});
		expect(screen.getAllByRole('radio')).toHaveLength(2);
	});
});

describe('Choice', () => {
	it('as a pictogram grid takes several answers, each card with a pictogram and a speaker', async () => {
		render(ChoiceHarness, { context: i18nContext('nl', {}, SERVER_VOICE) });
		const boxes = screen.getAllByRole('checkbox');
		expect(boxes).toHaveLength(3);
		await userEvent.click(screen.getByText(nl.kit.cooking));
		await userEvent.click(screen.getByText(nl.kit.sport));
		expect(screen.getByTestId('chosen')).toHaveTextContent('cooking,sport');
		await userEvent.click(screen.getByText(nl.kit.cooking));
		expect(screen.getByTestId('chosen')).toHaveTextContent(/^sport$/);
		for (const label of [nl.kit.cooking, nl.kit.walking, nl.kit.sport]) {
			expect(screen.getByRole('button', { name: `Luister: ${label}` })).toBeInTheDocument();
		}
		expect(document.querySelectorAll('label > [data-pictogram]')).toHaveLength(3);
	});

	it('shows languages by their own names in their own script, not one globe for each', () => {
		render(Choice, {
			props: {
				name: 'languages',
				questionKey: 'kit.likes',
				multiple: true,
				value: [],
				options: ['ar', 'ti', 'ku', 'zz'].map((value) => ({
					value,
					labelKey: 'kit.cooking',
					pictogram: 'language'
				}))
			},
			context: i18nContext('nl', {}, SERVER_VOICE)
		});
		const own = [...document.querySelectorAll<HTMLElement>('[data-own-name]')];
		expect(own.map((e) => [e.textContent, e.lang])).toEqual([
			['العربية', 'ar'],
			['ትግርኛ', 'ti'],
			['Kurdî', 'ku']
		]);
		// A code Opstap does not know keeps the globe.
		expect(document.querySelectorAll('label > [data-pictogram="language"]')).toHaveLength(1);
	});
});

describe('an instrument’s hint (XLSForm hint)', () => {
	it('is shown under the question, inside its group, with a speaker of its own', () => {
		render(FaceScale, {
			props: { name: 'mood', questionKey: 'kit.mood', hintKey: 'kit.intro' },
			context: i18nContext('nl', {}, SERVER_VOICE)
		});
		const group = screen.getByRole('group', { name: new RegExp(nl.kit.mood) });
		const hint = within(group).getByText(nl.kit.intro);
		// After the question, before the first face.
		const legend = group.querySelector('legend')!;
		expect(legend.compareDocumentPosition(hint) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
		expect(
			hint.compareDocumentPosition(within(group).getAllByRole('radio')[0]!) & Node.DOCUMENT_POSITION_FOLLOWING
		).toBeTruthy();
		expect(within(group).getByRole('button', { name: `Luister: ${nl.kit.intro}` })).toBeInTheDocument();
	});

	it('is there for yes/no and 0–10 too, and absent without one', () => {
		const { unmount } = render(YesNo, {
			props: { name: 'alone', questionKey: 'kit.livesAlone', hintKey: 'kit.intro' },
			context: i18nContext('nl', {}, SERVER_VOICE)
		});
		expect(screen.getByText(nl.kit.intro)).toBeInTheDocument();
		unmount();
		const scale = render(ZeroTenScale, {
			props: { name: 'life', questionKey: 'kit.satisfied', hintKey: 'kit.intro' },
			context: i18nContext('nl', {}, SERVER_VOICE)
		});
		expect(screen.getByText(nl.kit.intro)).toBeInTheDocument();
		scale.unmount();
		render(YesNo, {
			props: { name: 'alone', questionKey: 'kit.livesAlone' },
			context: i18nContext('nl', {}, SERVER_VOICE)
		});
		expect(screen.queryByText(nl.kit.intro)).toBeNull();
		expect(document.querySelector('.question-hint')).toBeNull();
	});
});

describe('short points under a question (issue 12 §4)', () => {
	it('lists each point between the question and the answers, with its picture and its own speaker', () => {
		// Any keys do for the component: two of the app's own texts stand for a question's points.
		const keyPoints = [
			{ key: 'answer.yes', pictogram: 'own-phone' },
			{ key: 'answer.no', pictogram: 'skip' }
		];
		const { container } = render(YesNo, {
			props: { name: 'ok', questionKey: 'kit.mood', keyPoints, preferNot: false },
			context: i18nContext('nl', {}, SERVER_VOICE)
		});
		const items = [...container.querySelectorAll('ul.points > li')];
		expect(items.map((li) => li.textContent?.trim())).toEqual([nl.answer.yes, nl.answer.no]);
		expect(
			items.map((li) => li.querySelector(':scope > .pictogram')?.getAttribute('data-pictogram'))
		).toEqual(['own-phone', 'skip']);
		for (const li of items)
			expect(within(li as HTMLElement).getByRole('button', { name: /^Luister: / })).toBeInTheDocument();
		// Above the answers: the list comes before the first radio.
		const list = container.querySelector('ul.points')!;
		const firstRadio = screen.getAllByRole('radio')[0]!;
		expect(list.compareDocumentPosition(firstRadio) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
	});
});
