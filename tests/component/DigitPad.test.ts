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

	it('for a decimal item has a separator key in the language’s own form, and takes only the places it allows', async () => {
		const user = userEvent.setup();
		const { unmount } = render(DigitPadHarness, {
			props: { length: 3, decimals: 1 },
			context: i18nContext('nl')
		});
		const output = screen.getByTestId('value');
		for (const key of ['7', '2', 'Komma', '5', '9'])
			await user.click(screen.getByRole('button', { name: key }));
		expect(output).toHaveTextContent(/^72,5$/);
		unmount();
		render(DigitPadHarness, { props: { length: 3, decimals: 2 }, context: i18nContext('en') });
		await user.click(screen.getByRole('button', { name: 'Decimal point' }));
		await user.click(screen.getByRole('button', { name: '5' }));
		expect(screen.getByTestId('value')).toHaveTextContent(/^0\.5$/);
	});
});
