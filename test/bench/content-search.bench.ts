/**
 * Content search benchmark (issue 3). Run from the repository root:
 *   npx ts-node --transpile-only -P server/tsconfig.json test/bench/content-search.bench.ts
 * Seeds 5,000 published entries (search keys as the service builds them) into a fresh embedded
 * database and times the search path of ContentService.search — the key query ($all over the
 * indexed searchKeys, newest first, at most 400 candidates) plus relevance ranking and snippets —
 * for a mix of queries, reporting p50/p95 of the whole path and of the database query alone.
 * The push half of issue 3 is measured by push.bench.ts.
 */
import { MongoClient, ObjectId, type Document } from 'mongodb';
import { highlight, plainText, queryKeys, relevance, searchKeys } from '../../server/src/modules/content/content.rules';
import { startDatabase } from '../../server/scripts/embedded-mongo';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 5_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const QUERIES = ['住房补贴', '学费', '见习', '创业担保贷款', '补贴', '人才', '社保补贴', '大连'];
const TOPICS = [
  ['高校毕业生住房补贴', '来连就业的毕业生每月可领住房补贴'],
  ['基层就业学费补偿', '到基层就业可申请学费补偿和助学贷款代偿'],
  ['就业见习补贴', '见习单位按见习人数领取补贴'],
  ['创业担保贷款及贴息', '自主创业可申请创业担保贷款'],
  ['企业吸纳就业社保补贴', '小微企业吸纳毕业生可领社保补贴'],
  ['人才落户政策', '毕业生来连落户手续'],
  ['技能培训补贴', '参加职业技能培训取得证书可领补贴'],
  ['一次性求职创业补贴', '困难家庭毕业生可申请求职创业补贴'],
];
const log = (line: string): void => console.log(`[content-search.bench] ${line}`);

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const db = await startDatabase({ backend: 'memory', dbName: 'bench_content', log });
  const client = await MongoClient.connect(db.uri);
  try {
    const contents = client.db().collection('contents');
    await contents.createIndex({ searchKeys: 1, status: 1 });
    await contents.createIndex({ status: 1, kind: 1, publishedAt: -1, _id: -1 });
    const now = Date.now();
    const docs: Document[] = Array.from({ length: ENTRIES }, (_, i) => {
      const [title, summary] = TOPICS[i % TOPICS.length];
      const body = `<p>第${i}号文件：${summary}。具体标准以大连市人社局公布为准，申请材料见附件。</p>`;
      return {
        _id: new ObjectId(),
        kind: 'policy',
        title: `${title}（${i}）`,
        summary,
        body,
        tags: [],
        status: 'published',
        publishedAt: new Date(now - i * 60_000),
        searchKeys: searchKeys(title, summary, plainText(body)),
      };
    });
    for (let i = 0; i < docs.length; i += 1_000) await contents.insertMany(docs.slice(i, i + 1_000));
    log(`seeded ${ENTRIES} published entries`);

    const total: number[] = [];
    const dbOnly: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const q of QUERIES) {
        const t0 = performance.now();
        const found = await contents
          .find({ status: 'published', searchKeys: { $all: queryKeys(q) } })
          .sort({ publishedAt: -1, _id: -1 })
          .limit(400)
          .toArray();
        const t1 = performance.now();
        found
          .map(d => ({ d, score: relevance({ title: d.title, summary: d.summary, tags: d.tags, body: d.body }, q) }))
          .filter(x => x.score > 0)
          .sort((a, b) => b.score - a.score)
          .slice(0, 20)
          .map(x => highlight(x.d.summary, q));
        const t2 = performance.now();
        dbOnly.push(t1 - t0);
        total.push(t2 - t0);
      }
      if ((round + 1) % 10 === 0) log(`round ${round + 1}/${ROUNDS}`);
    }
    const fmt = (v: number) => `${v.toFixed(1)} ms`;
    log('summary');
    console.log(`| Search over ${ENTRIES} published entries (${total.length} queries), p50 / p95 | ${fmt(pct(total, 50))} / ${fmt(pct(total, 95))} |`);
    console.log(`| … of which the database query alone, p50 / p95 | ${fmt(pct(dbOnly, 50))} / ${fmt(pct(dbOnly, 95))} |`);
  } finally {
    await client.close();
    await db.stop();
  }
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
