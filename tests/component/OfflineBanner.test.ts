import { render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import OfflineBanner from '../../src/lib/components/OfflineBanner.svelte';
import { i18nContext } from './i18n';

describe('OfflineBanner', () => {
	afterEach(() => vi.restoreAllMocks());

	it('says so when the network goes away, and disappears when it comes back', () => {
		const online = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(true);
		render(OfflineBanner, { context: i18nContext('en') });
		expect(screen.queryByRole('status')).toBeNull();

		online.mockReturnValue(false);
		window.dispatchEvent(new Event('offline'));
		flushSync();
		expect(screen.getByRole('status')).toHaveTextContent('No internet');

		online.mockReturnValue(true);
		window.dispatchEvent(new Event('online'));
		flushSync();
		expect(screen.queryByRole('status')).toBeNull();
	});
});
