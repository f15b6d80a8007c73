/**
 * Small audio without native code: eSpeak NG gives 16-bit samples at 22,050 Hz; we trim the silence at both ends,
 * resample to 16 kHz (speech needs no more than 8 kHz of bandwidth) and store 8-bit G.711 μ-law in a WAV file —
 * 16 kB per second of speech instead of 44 kB, and every browser we support plays it (Chromium, Firefox, Safari).
 */

/** Drops near-silence at both ends, keeping `padMs` of it so the first sound is not clipped. */
export function trimSilence(samples: Int16Array, rate: number, threshold = 200, padMs = 60): Int16Array {
	let start = 0;
	let end = samples.length;
	while (start < end && Math.abs(samples[start]!) < threshold) start++;
	while (end > start && Math.abs(samples[end - 1]!) < threshold) end--;
	if (start >= end) return samples.subarray(0, 0);
	const pad = Math.round((rate * padMs) / 1000);
	return samples.subarray(Math.max(0, start - pad), Math.min(samples.length, end + pad));
}

/** Windowed-sinc resampling (a low-pass below the new Nyquist frequency, so no aliasing). */
export function resample(samples: Int16Array, from: number, to: number, taps = 16): Int16Array {
	if (from === to) return samples;
	const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);
	// Output sample i sits at i * from / to: its fractional position repeats every `period` samples, so the
	// filter weights are computed once per phase (320 phases for 22,050 -> 16,000 Hz).
	const period = to / gcd(from, to);
	const cutoff = Math.min(1, to / from) * 0.92; // a little under the new Nyquist frequency
	const table: Float64Array[] = [];
	const weightsFor = (phase: number) => {
		const fraction = ((phase * from) % to) / to;
		const weights = new Float64Array(2 * taps);
		let total = 0;
		for (let j = 0; j < 2 * taps; j++) {
			const x = fraction + taps - 1 - j; // distance from the sample to the output position
			const arg = Math.PI * cutoff * x;
			const sinc = x === 0 ? 1 : Math.sin(arg) / arg;
			weights[j] = sinc * (0.5 + 0.5 * Math.cos((Math.PI * x) / taps)); // Hann window
			total += weights[j]!;
		}
		return weights.map((w) => w / total);
	};
	const out = new Int16Array(Math.floor((samples.length * to) / from));
	for (let i = 0; i < out.length; i++) {
		const phase = i % period;
		const weights = (table[phase] ??= weightsFor(phase));
		const first = Math.floor((i * from) / to) - taps + 1;
		let sum = 0;
		for (let j = 0; j < 2 * taps; j++) {
			const k = first + j;
			if (k >= 0 && k < samples.length) sum += samples[k]! * weights[j]!;
		}
		out[i] = Math.max(-32768, Math.min(32767, Math.round(sum)));
	}
	return out;
}

/** ITU-T G.711 μ-law: one byte per sample, about 13 bits of dynamic range for speech. */
export function muLaw(sample: number): number {
	const BIAS = 0x84;
	const CLIP = 32635;
	const sign = sample < 0 ? 0x80 : 0;
	let magnitude = Math.min(CLIP, Math.abs(sample)) + BIAS;
	let exponent = 7;
	for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
	const mantissa = (magnitude >> (exponent + 3)) & 0x0f;
	magnitude = ~(sign | (exponent << 4) | mantissa);
	return magnitude & 0xff;
}

/** A mono WAV file of μ-law samples (format 7, with the `fact` chunk non-PCM formats carry). */
export function muLawWav(samples: Int16Array, rate: number): Uint8Array {
	const header = 58;
	const out = new Uint8Array(header + samples.length + (samples.length % 2));
	const view = new DataView(out.buffer);
	const ascii = (offset: number, text: string) =>
		[...text].forEach((c, i) => view.setUint8(offset + i, c.charCodeAt(0)));
	ascii(0, 'RIFF');
	view.setUint32(4, out.length - 8, true);
	ascii(8, 'WAVE');
	ascii(12, 'fmt ');
	view.setUint32(16, 18, true); // fmt chunk size (with cbSize)
	view.setUint16(20, 7, true); // WAVE_FORMAT_MULAW
	view.setUint16(22, 1, true); // mono
	view.setUint32(24, rate, true);
	view.setUint32(28, rate, true); // bytes per second
	view.setUint16(32, 1, true); // block align
	view.setUint16(34, 8, true); // bits per sample
	view.setUint16(36, 0, true); // cbSize
	ascii(38, 'fact');
	view.setUint32(42, 4, true);
	view.setUint32(46, samples.length, true);
	ascii(50, 'data');
	view.setUint32(54, samples.length, true);
	for (let i = 0; i < samples.length; i++) out[header + i] = muLaw(samples[i]!);
	return out;
}

/** Duration of a WAV file made by `muLawWav`, from its header. */
export function wavDurationMs(wav: Uint8Array): number {
	const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
	return Math.round((view.getUint32(46, true) / view.getUint32(24, true)) * 1000);
}
