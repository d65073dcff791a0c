import type { TestApp } from '../../support/test-app';
import { FileStorage } from '../../../../server/src/core/files/storage';
import { SubsidyApplicationModel } from '../../../../server/src/modules/subsidy/subsidy.model';
import { createProgram, draftApplication, pdf, studentProfile, subsidyProgram, uploadDocument } from '../../support/factories';

export const DAY = 24 * 3600_000;

export interface Scene {
  referencedOld: string;
  orphanOld: string;
  orphanYoung: string;
  otherFolderOld: string;
}

/** One referenced document aged past the grace period, and files written without a record (a cut-off upload), old and young. */
export async function scene(t: TestApp, age: (key: string, at: Date) => Promise<void>): Promise<Scene> {
  const bureau = await t.user({ roles: ['bureau'] });
  const programId = await createProgram(t, bureau, subsidyProgram({ name: `清理测试补贴${Date.now()}` }));
  const { student, id } = await draftApplication(t, programId, { profile: studentProfile() });
  expect((await uploadDocument(t, student, id, 'diploma', pdf('kept: the record names it'))).status).toBe(200);
  const referencedOld = (await t.db.model(SubsidyApplicationModel).findById(id).lean())?.documents[0].key ?? '';
  const storage = await t.app.getApplicationContext().getAsync(FileStorage);
  const orphanOld = await storage.put('subsidy', pdf('cut off by a crash'), 'pdf');
  const orphanYoung = await storage.put('subsidy', pdf('upload whose record is being written'), 'pdf');
  const otherFolderOld = await storage.put('resumes', pdf('a résumé no application names'), 'pdf');
  const longAgo = new Date(Date.now() - 2 * DAY);
  for (const key of [referencedOld, orphanOld, otherFolderOld]) await age(key, longAgo);
  return { referencedOld, orphanOld, orphanYoung, otherFolderOld };
}
