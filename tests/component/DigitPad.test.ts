import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import DigitPadHarness from './DigitPadHarness.svelte';
import { readFileSync } from 'node:fs';
import { i18nContext } from './i18n';

const ar = JSON.parse(readFileSync('locales/ar/participant.json', 'utf8'));

describe('DigitPad', () => {
	it('types digits up to the code length and erases the last one', async () => {
		const user = userEvent.setup();
		render(DigitPadHarness, { props: { length: 4 }, context: i18nContext('nl') });
		const output = screen.getByTestId('value');
		for (const d of ['4', '8', '2', '1', '9']) await user.click(screen.getByRole('button', { name: d }));
		expect(output).toHaveTextContent('4821');
		await user.click(screen.getByRole('button', { name: 'Wis het laatste cijfer' }));
		expect(output).toHaveTextContent(/^482$/);
	});

	it('has big keys in a labelled group, named in the participant’s language, laid out left to right even in Arabic', () => {
		render(DigitPadHarness, { props: { length: 8 }, context: i18nContext('ar') });
		const group = screen.getByRole('group');
		expect(group).toHaveAttribute('dir', 'ltr');
		expect(group).toHaveAccessibleName(ar.digitPad.label);
		expect(screen.getAllByRole('button')).toHaveLength(11);
		expect(screen.getByRole('button', { name: ar.digitPad.erase })).toBeInTheDocument();
	});
});
