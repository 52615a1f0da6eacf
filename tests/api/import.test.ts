import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestPrefix, startTestApp, TREE, type TestApp } from './api-harness.js';

const CSV_HEADER = 'id,name,level,block,parent,working_group,member_count,term';

/** An import file is the whole tree: the existing units plus the given rows. */
const csvWith = (...rows: string[]) =>
  [
    CSV_HEADER,
    ...TREE.map((u) =>
      [u.id, u.name, u.level, u.block, u.parentId ?? '', u.workingGroup ?? '', u.memberCount, u.term].join(
        ',',
      ),
    ),
    ...rows,
  ].join('\n');

describe('POST /api/v1/import', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ bodyLimit: '4kb' });
  });
  afterAll(async () => t.close());

  const as = (role: keyof TestApp['token']) => ({ Authorization: `Bearer ${t.token[role]}` });

  it('when an admin posts CSV, then the new units are created and readable', async () => {
    const csv = csvWith('C3,Chi bộ 3,cell,ward,B2,wg2,10,2020-2025');
    const res = await t
      .http()
      .post('/api/v1/import')
      .set(as('admin'))
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 1 });
    const unit = await t.http().get('/api/v1/units/C3').set(as('admin'));
    expect(unit.body.unit).toMatchObject({ id: 'C3', parentId: 'B2', memberCount: 10 });
  });

  it('when an admin posts JSON, then the units are created', async () => {
    const units = [
      ...TREE,
      {
        id: 'C4',
        name: 'Chi bộ 4',
        level: 'cell',
        block: 'ward',
        parentId: 'B2',
        workingGroup: 'wg2',
        memberCount: 8,
        term: '2020-2025',
      },
    ];
    const res = await t.http().post('/api/v1/import').set(as('admin')).send(units);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 1 });
  });

  it('when rows are invalid, then 422 names each line and field and nothing is written', async () => {
    const before = await digestPrefix(t.redis, t.prefix);
    const csv = csvWith('C5,Chi bộ 5,cell,ward,B2,wg2,10,2020-2025', 'C6,,planet,ward,B2,wg2,-1,2020-2025');
    const res = await t
      .http()
      .post('/api/v1/import')
      .set(as('admin'))
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(res.status).toBe(422);
    const paths = (res.body.errors as { path: string }[]).map((e) => e.path);
    expect(paths.some((p) => p.includes(`line ${TREE.length + 3}`))).toBe(true);
    expect(await digestPrefix(t.redis, t.prefix)).toBe(before);
  });

  it('when a non-admin imports, then 403 and nothing is written', async () => {
    const before = await digestPrefix(t.redis, t.prefix);
    const csv = csvWith('C7,Chi bộ 7,cell,ward,B2,wg2,10,2020-2025');
    const res = await t
      .http()
      .post('/api/v1/import')
      .set(as('standing_committee'))
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(res.status).toBe(403);
    expect(await digestPrefix(t.redis, t.prefix)).toBe(before);
  });

  it('when the body is neither CSV nor JSON, then 415; when it is too large, then 413', async () => {
    const plain = await t
      .http()
      .post('/api/v1/import')
      .set(as('admin'))
      .set('Content-Type', 'text/plain')
      .send('id,name');
    expect(plain.status).toBe(415);
    const big = `${CSV_HEADER}\n${'C8,x,cell,ward,B2,wg2,1,2020-2025\n'.repeat(200)}`;
    const tooLarge = await t
      .http()
      .post('/api/v1/import')
      .set(as('admin'))
      .set('Content-Type', 'text/csv')
      .send(big);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.code).toBe('too_large');
  });
});
