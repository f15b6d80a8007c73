import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import Tile from '../../src/lib/components/participant/Tile.svelte';

describe('Tile', () => {
	it('is one link named by its text, with a decorative pictogram', () => {
		render(Tile, { props: { href: '/appointments', pictogram: 'appointments', label: 'Mijn afspraken' } });
		const link = screen.getByRole('link', { name: 'Mijn afspraken' });
		expect(link).toHaveAttribute('href', '/appointments');
		const img = link.querySelector('img')!;
		expect(img).toHaveAttribute('src', '/pictograms/appointments.svg');
		expect(img).toHaveAttribute('alt', '');
	});
});
