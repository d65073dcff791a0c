import { draftOf, figuresOf, problemCell } from '@/packages/statistics/targets-form';

describe('the bureau\'s targets form', () => {
  it('should show rates in percent and head counts as they are, leaving unset rows empty', () => {
    const draft = draftOf({ stayed: { target: 50000, stretch: 60000 }, retentionRate: { target: 0.42, stretch: 0.45 }, followUpRate: { target: 1 } });
    expect(draft.stayed).toEqual({ target: '50000', stretch: '60000' });
    expect(draft.retentionRate).toEqual({ target: '42', stretch: '45' });
    expect(draft.followUpRate).toEqual({ target: '100', stretch: '' });
    expect(draft.grassroots).toEqual({ target: '', stretch: '' });
  });

  it('should turn the typed figures back into what the server stores, leaving empty rows out', () => {
    const draft = draftOf({});
    draft.stayed = { target: '50,000', stretch: '' };
    draft.retentionRate = { target: '42.5%', stretch: '45' };
    expect(figuresOf(draft)).toEqual({ stayed: { target: 50000 }, retentionRate: { target: 0.425, stretch: 0.45 } });
  });

  it('should send a 力争 figure without its target and a word that is not a number, so the server names the field', () => {
    const draft = draftOf({});
    draft.grassroots = { target: '', stretch: '600' };
    draft.marketJob = { target: '两万', stretch: '' };
    const figures = figuresOf(draft);
    expect(figures.grassroots?.target).toBeNaN();
    expect(figures.grassroots?.stretch).toBe(600);
    expect(figures.marketJob?.target).toBeNaN();
  });

  it('should place a server problem next to its input', () => {
    expect(problemCell('figures.stayed.stretch')).toEqual({ key: 'stayed', part: 'stretch' });
    expect(problemCell('figures.retentionRate.target')).toEqual({ key: 'retentionRate', part: 'target' });
    expect(problemCell('figures.stayed')).toEqual({ key: 'stayed', part: 'target' });
    expect(problemCell('source')).toBeUndefined();
    expect(problemCell('figures.nothing.target')).toBeUndefined();
  });
});
