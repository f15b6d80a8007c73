import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import FrameHarness from './FrameHarness.svelte';
import { i18nContext, SERVER_VOICE, texts } from './i18n';

describe('ScreenFrame', () => {
	it('shows a spoken title, progress dots, the content, and big back and next', () => {
		render(FrameHarness, { context: i18nContext('nl', {}, SERVER_VOICE) });
		const nl = texts('nl');
		expect(screen.getByRole('heading', { level: 1, name: new RegExp(nl.kit.title) })).toBeInTheDocument();
		expect(screen.getByRole('button', { name: `Luister: ${nl.kit.title}` })).toBeInTheDocument();
		const dots = screen.getByRole('list', { name: 'Stap 2 van 4' });
		expect(dots.querySelectorAll('li')).toHaveLength(4);
		expect(dots.querySelectorAll('li.done')).toHaveLength(1);
		expect(screen.getByText('the content')).toBeInTheDocument();
		expect(screen.getByRole('link', { name: nl.common.back })).toHaveAttribute('href', '/before');
		expect(screen.getByRole('link', { name: nl.common.next })).toHaveAttribute('href', '/after');
		// The arrows point the reading direction: mirrored right to left by CSS.
		expect(screen.getByRole('link', { name: nl.common.next }).querySelector('.pictogram')).toHaveClass(
			'flips'
		);
	});
});
