import { fake, json } from '../support/taro-stub';
import { applyJob } from '@/services/api/job';
import * as session from '@/services/session';

beforeEach(() => {
  session.clear();
  fake.reset();
});

describe('applyJob', () => {
  it('should name the live session and the replay when applying from a replay card', async () => {
    fake.enqueue(() => json(200, { id: 'a1' }));
    await applyJob('job-1', undefined, { liveSessionId: 'live-9', via: 'replay' });
    expect(fake.requests[0].method).toBe('POST');
    expect(fake.requests[0].url).toBe('https://api.test/api/jobs/job-1/applications?liveSessionId=live-9&via=replay');
  });

  it('should name the session when the job page was opened from the room, and nothing when it was not', async () => {
    fake.enqueue(() => json(200, { id: 'a1' }));
    fake.enqueue(() => json(200, { id: 'a2' }));
    await applyJob('job-1', undefined, { liveSessionId: 'live-9', via: 'live-job-page' });
    await applyJob('job-2');
    expect(fake.requests.map(r => r.url)).toEqual([
      'https://api.test/api/jobs/job-1/applications?liveSessionId=live-9&via=live-job-page',
      'https://api.test/api/jobs/job-2/applications',
    ]);
  });
});
