/**
 * The Web Audio path of the player: <audio> → MediaElementAudioSourceNode → GainNode → speakers,
 * where the gain applies loudness normalisation (loudness.ts).
 *
 * - Created on the first play that wants normalisation, inside the click that started it (an
 *   AudioContext needs a user gesture to run). Once an element is routed through Web Audio it stays
 *   so (the browser allows one source node per element); "normalise off" then sets the gain to 1.
 * - Cross-origin media reaches Web Audio only with CORS: the element has `crossorigin="anonymous"`
 *   and storage / the CDN must answer with Access-Control-Allow-Origin (the local storage server
 *   does; a GCS bucket needs a CORS configuration), else the browser would feed Web Audio silence.
 *   hls.js plays from a blob: MediaSource (same origin) and fetches segments with CORS already.
 */
type AudioContextConstructor = typeof AudioContext;

export class NormalisationGraph {
  private context: AudioContext | null = null;
  private gain: GainNode | null = null;
  private pendingGain = 1;

  constructor(private readonly audio: HTMLAudioElement) {}

  /** Builds the graph if needed and resumes it; call from a user gesture. False without Web Audio. */
  ensureRunning(): boolean {
    if (!this.context) {
      const Context =
        window.AudioContext ??
        (window as unknown as { webkitAudioContext?: AudioContextConstructor }).webkitAudioContext;
      if (!Context) return false;
      try {
        const context = new Context();
        const source = context.createMediaElementSource(this.audio);
        const gain = context.createGain();
        gain.gain.value = this.pendingGain;
        source.connect(gain).connect(context.destination);
        this.context = context;
        this.gain = gain;
      } catch {
        return false;
      }
    }
    if (this.context.state === 'suspended') void this.context.resume().catch(() => undefined);
    return true;
  }

  get active(): boolean {
    return this.context !== null;
  }

  /** Built but not running: the browser keeps it suspended until a user gesture resumes it. */
  get suspended(): boolean {
    return this.context !== null && this.context.state === 'suspended';
  }

  /** Sets the gain (a short ramp, no click); remembered until the graph exists. */
  setGain(value: number): void {
    this.pendingGain = value;
    if (!this.context || !this.gain) return;
    this.gain.gain.setTargetAtTime(value, this.context.currentTime, 0.03);
  }

  /** The gain in effect (or to be applied once the graph exists). */
  get gainValue(): number {
    return this.pendingGain;
  }
}
