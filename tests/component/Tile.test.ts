import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import Tile from '../../src/lib/components/participant/Tile.svelte';
import { i18nContext, SERVER_VOICE } from './i18n';

describe('Tile', () => {
	it('is one link named by its text, with a decorative pictogram and a speaker of its own', () => {
		render(Tile, {
			props: { href: '/appointments', pictogram: 'appointments', labelKey: 'home.tiles.appointments' },
			context: i18nContext('nl', {}, SERVER_VOICE)
		});
		const link = screen.getByRole('link', { name: 'Mijn afspraken' });
		expect(link).toHaveAttribute('href', '/appointments');
		expect(link.querySelector('.pictogram')).toHaveAttribute('aria-hidden', 'true');
		expect(link.querySelector('.pictogram')).toHaveAttribute('data-pictogram', 'appointments');
		expect(screen.getByRole('button', { name: 'Luister: Mijn afspraken' })).toBeInTheDocument();
	});
});
