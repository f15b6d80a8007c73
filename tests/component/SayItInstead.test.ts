import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import SayItInstead from '../../src/lib/components/participant/SayItInstead.svelte';
import { i18nContext, texts } from './i18n';

class FakeRecorder {
	state = 'inactive';
	mimeType = 'audio/webm';
	ondataavailable: ((e: { data: Blob }) => void) | null = null;
	onstop: (() => void) | null = null;
	constructor(readonly stream: { getTracks: () => { stop: () => void }[] }) {}
	start() {
		this.state = 'recording';
	}
	stop() {
		this.state = 'inactive';
		this.ondataavailable?.({ data: new Blob(['voice'], { type: 'audio/webm' }) });
		this.onstop?.();
	}
}

const nl = texts('nl');

describe('SayItInstead', () => {
	afterEach(() => vi.unstubAllGlobals());

	it('records a spoken answer and hands it over; "again" throws it away', async () => {
		const stopTrack = vi.fn();
		vi.stubGlobal('MediaRecorder', FakeRecorder);
		vi.stubGlobal('navigator', {
			...navigator,
			mediaDevices: { getUserMedia: vi.fn().mockResolvedValue({ getTracks: () => [{ stop: stopTrack }] }) }
		});
		URL.createObjectURL = vi.fn(() => 'blob:recording');
		URL.revokeObjectURL = vi.fn();
		const onrecorded = vi.fn();
		render(SayItInstead, { props: { onrecorded }, context: i18nContext('nl') });

		await userEvent.click(await screen.findByRole('button', { name: nl.record.start }));
		expect(screen.getByRole('status')).toHaveTextContent(nl.record.recording);
		await userEvent.click(screen.getByRole('button', { name: nl.record.stop }));
		expect(onrecorded).toHaveBeenCalledWith(expect.any(Blob));
		expect(stopTrack).toHaveBeenCalled(); // the microphone is released
		expect(screen.getByRole('status')).toHaveTextContent(nl.record.saved);
		expect(document.querySelector('audio')).toHaveAttribute('src', 'blob:recording');

		await userEvent.click(screen.getByRole('button', { name: nl.record.again }));
		expect(onrecorded).toHaveBeenLastCalledWith(null);
		expect(screen.getByRole('button', { name: nl.record.start })).toBeInTheDocument();
	});

	it('says kindly that the microphone does not work, and typing stays possible', async () => {
		vi.stubGlobal('MediaRecorder', FakeRecorder);
		vi.stubGlobal('navigator', {
			...navigator,
			mediaDevices: { getUserMedia: vi.fn().mockRejectedValue(new Error('NotAllowedError')) }
		});
		render(SayItInstead, { context: i18nContext('nl') });
		await userEvent.click(await screen.findByRole('button', { name: nl.record.start }));
		expect(await screen.findByRole('status')).toHaveTextContent(nl.record.noMic);
	});

	it('shows nothing where the browser cannot record', () => {
		vi.stubGlobal('MediaRecorder', undefined);
		render(SayItInstead, { context: i18nContext('nl') });
		expect(screen.queryByRole('button')).toBeNull();
	});
});
