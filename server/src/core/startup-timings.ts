/**
 * Where a process's start goes, phase by phase, for the one line it logs when it takes traffic
 * (a slow start under load is otherwise a guess). Times from performance.now(): the process's start.
 */
export class StartupTimings {
  private readonly phases: Array<{ name: string; ms: number }> = [];
  private last = 0;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Ends the phase called `name` (it began where the previous one ended, or at the process's start). */
  phase(name: string): void {
    const at = this.now();
    this.phases.push({ name, ms: at - this.last });
    this.last = at;
  }

  /** "started in 2.4 s: load 1.20 s, components 0.31 s, …" */
  line(extra = ''): string {
    const parts = this.phases.map(p => `${p.name} ${(p.ms / 1000).toFixed(2)} s`).join(', ');
    return `started in ${(this.last / 1000).toFixed(1)} s: ${parts}${extra ? `; ${extra}` : ''}`;
  }
}
