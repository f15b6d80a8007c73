import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Say from '../../src/lib/components/participant/Say.svelte';
import Speak from '../../src/lib/components/participant/Speak.svelte';
import { i18nContext, texts } from './i18n';
import { Voice, VOICE_KEY } from '../../src/lib/voice/voice.svelte';

/** jsdom has no media playback: a fake Audio that "plays" until the test ends it. */
class FakeAudio {
	static last: FakeAudio | null = null;
	playbackRate = 1;
	preservesPitch = true;
	private listeners: Record<string, (() => void)[]> = {};
	constructor(readonly src: string) {
		FakeAudio.last = this;
	}
	play() {
		return Promise.resolve();
	}
	pause() {}
	addEventListener(type: string, l: () => void) {
		(this.listeners[type] ??= []).push(l);
	}
	end() {
		this.listeners.ended?.forEach((l) => l());
	}
}

describe('Say and its speaker', () => {
	afterEach(() => vi.unstubAllGlobals());

	it('plays the recorded clip, highlights the text while it plays, and stops highlighting at the end', async () => {
		vi.stubGlobal('Audio', FakeAudio);
		const context = i18nContext('ti', { 'home.intro': 'abc123' });
		(context.get(VOICE_KEY) as { current: Voice }).current.start();
		render(Say, { props: { key: 'home.intro', as: 'h2' }, context });
		const ti = texts('ti');
		const heading = screen.getByRole('heading', { level: 2 });
		expect(heading).toHaveTextContent(ti.home.intro);
		const button = screen.getByRole('button', { name: `${ti.voice.listen}: ${ti.home.intro}` });
		expect(button).toHaveAttribute('data-source', 'clip');

		await userEvent.click(button);
		expect(FakeAudio.last?.src).toBe('/voice/ti/home.intro?v=abc123');
		expect(button).toHaveAttribute('data-state', 'reading');
		expect(heading.querySelector('.text')).toHaveClass('reading');

		FakeAudio.last!.end();
		await vi.waitFor(() => expect(button).toHaveAttribute('data-state', 'idle'));
		expect(heading.querySelector('.text')).not.toHaveClass('reading');
	});

	it('plays a clip a page added for its own language (an activity title), not only the language’s clip list', async () => {
		vi.stubGlobal('Audio', FakeAudio);
		const context = i18nContext('so');
		const voice = (context.get(VOICE_KEY) as { current: Voice }).current;
		voice.start();
		const key = 'activity:0b5e7c1e-1111-4222-8333-444455556666';
		voice.addClips('so', { [key]: 'feed01' });
		render(Speak, { props: { key, text: 'Kafeega luqadda' }, context });
		const button = screen.getByRole('button');
		expect(button).toHaveAttribute('data-source', 'clip');
		await userEvent.click(button);
		expect(FakeAudio.last?.src).toBe(`/voice/so/${encodeURIComponent(key)}?v=feed01`);
		FakeAudio.last!.end();
		await vi.waitFor(() => expect(button).toHaveAttribute('data-state', 'idle'));
	});

	it('shows the speaker as unavailable when there is no clip and no device voice', async () => {
		const context = i18nContext('so');
		const voice = (context.get(VOICE_KEY) as { current: Voice }).current;
		voice.start(); // jsdom has no speechSynthesis
		render(Say, { props: { key: 'home.intro' }, context });
		const so = texts('so');
		await vi.waitFor(() =>
			expect(screen.getByRole('button', { name: so.voice.unavailable })).toBeInTheDocument()
		);
		const button = screen.getByRole('button', { name: so.voice.unavailable });
		expect(button).toHaveAttribute('data-source', 'none');
		expect(button.querySelector('.pictogram')).toHaveAttribute('data-pictogram', 'speaker-off');
		// A tap is not lost: it says, in pictures and words, that there is no sound yet.
		await userEvent.click(button);
		expect(screen.getByRole('status')).toHaveTextContent(so.voice.noSound);
		expect(button).toHaveAttribute('data-state', 'silent');
	});

	it('shows the server voice from the first paint where no clip is recorded, and plays it', async () => {
		vi.stubGlobal('Audio', FakeAudio);
		const context = i18nContext('ti', {}, 'v1');
		render(Say, { props: { key: 'home.intro' }, context });
		const button = screen.getByRole('button', { name: new RegExp(texts('ti').voice.listen) });
		expect(button).toHaveAttribute('data-source', 'server'); // before the voice engine started
		(context.get(VOICE_KEY) as { current: Voice }).current.start();
		await userEvent.click(button);
		await vi.waitFor(() => expect(FakeAudio.last?.src).toBe('/voice/tts/ti/home.intro?v=v1'));
		FakeAudio.last!.end();
		await vi.waitFor(() => expect(button).toHaveAttribute('data-state', 'idle'));
	});

	it('gives no server voice to a text with its placeholders filled in', () => {
		const context = i18nContext('fa', {}, 'v1');
		render(Say, { props: { key: 'pair.triesLeft', values: { count: 2 } }, context });
		expect(screen.getByRole('button')).toHaveAttribute('data-source', 'none');
	});
});
