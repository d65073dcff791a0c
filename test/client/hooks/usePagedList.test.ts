// The stub first: the hooks import @tarojs/taro, which jest maps to it.
import { fake } from '../support/taro-stub';
import type { Page } from '@contract/common';
import { usePagedList, type PagedList, type PagedListOptions } from '@/hooks/usePagedList';
import { useRequest } from '@/hooks/useRequest';
import { ApiError } from '@/services/http';
import { deferred, renderHook, settle, type Deferred, type RenderedHook } from '../support/render-hook';

interface Item {
  id: string;
}

interface Filters {
  kind: string;
}

interface Call {
  filters: Filters;
  cursor?: string;
  answer: Deferred<Page<Item>>;
}

const items = (...ids: string[]): Item[] => ids.map(id => ({ id }));

/** A server whose answers the test releases one by one. */
function fakeServer() {
  const calls: Call[] = [];
  const last = (): Call => {
    const call = calls[calls.length - 1];
    if (!call) throw new Error('no request was made');
    return call;
  };
  return {
    calls,
    last,
    load(filters: Filters, cursor?: string): Promise<Page<Item>> {
      const answer = deferred<Page<Item>>();
      calls.push({ filters, cursor, answer });
      return answer.promise;
    },
    async answer(page: Page<Item>, call: Call = last()): Promise<void> {
      await settle(() => call.answer.resolve(page));
    },
    async fail(err: unknown, call: Call = last()): Promise<void> {
      await settle(() => call.answer.reject(err));
    },
  };
}

type Server = ReturnType<typeof fakeServer>;

function mountList(server: Server, filters: Filters = { kind: 'all' }, options: PagedListOptions<Item> = {}): RenderedHook<Filters, PagedList<Item>> {
  return renderHook((f: Filters) => usePagedList(cursor => server.load(f, cursor), f, options), filters);
}

const ids = (list: PagedList<Item>) => list.items.map(item => item.id);

/** Starts a pull-down gesture; `done` settles when every handler has finished. */
async function startPullDown(): Promise<{ done: Promise<void> }> {
  let done: Promise<void> = Promise.resolve();
  await settle(() => {
    done = fake.emit('pullDownRefresh');
  });
  return { done };
}

describe('usePagedList', () => {
  let server: Server;
  let list: RenderedHook<Filters, PagedList<Item>> | undefined;

  beforeEach(() => {
    fake.reset();
    server = fakeServer();
  });
  afterEach(() => {
    list?.unmount();
    list = undefined;
  });

  it('should load the first page on mount and show it when it arrives', async () => {
    list = mountList(server);
    expect(list.current.status).toBe('loading');
    expect(server.calls).toHaveLength(1);
    expect(server.last().cursor).toBeUndefined();

    await server.answer({ items: items('a', 'b'), nextCursor: 'c1' });

    expect(list.current.status).toBe('ready');
    expect(ids(list.current)).toEqual(['a', 'b']);
    expect(list.current.hasMore).toBe(true);
    expect(list.current.more).toBe('idle');
  });

  it('should append the next page, asked for with the cursor, when the user reaches the bottom', async () => {
    list = mountList(server);
    await server.answer({ items: items('a', 'b'), nextCursor: 'c1' });

    await settle(() => fake.emit('reachBottom'));
    expect(server.last().cursor).toBe('c1');
    expect(list.current.more).toBe('loading');

    await server.answer({ items: items('c'), nextCursor: 'c2' });
    expect(ids(list.current)).toEqual(['a', 'b', 'c']);
    expect(list.current.more).toBe('idle');
    expect(list.current.hasMore).toBe(true);
  });

  it('should ask for one next page at a time however often the bottom is reached', async () => {
    list = mountList(server);
    await server.answer({ items: items('a'), nextCursor: 'c1' });

    await settle(() => fake.emit('reachBottom'));
    await settle(() => fake.emit('reachBottom'));
    await settle(() => list?.current.loadMore());

    expect(server.calls.map(call => call.cursor)).toEqual([undefined, 'c1']);
  });

  it('should stop asking after the last page', async () => {
    list = mountList(server);
    await server.answer({ items: items('a'), nextCursor: 'c1' });
    await settle(() => fake.emit('reachBottom'));
    await server.answer({ items: items('b') });

    expect(list.current.hasMore).toBe(false);
    await settle(() => fake.emit('reachBottom'));
    expect(server.calls).toHaveLength(2);
    expect(ids(list.current)).toEqual(['a', 'b']);
  });

  it('should drop an item a later page repeats', async () => {
    list = mountList(server);
    await server.answer({ items: items('a', 'b'), nextCursor: 'c1' });
    await settle(() => fake.emit('reachBottom'));
    await server.answer({ items: items('b', 'c') });

    expect(ids(list.current)).toEqual(['a', 'b', 'c']);
  });

  it('should tell repeated items apart by the given key when items have no id', async () => {
    interface Row {
      fair: { id: string };
    }
    const pages: Array<Page<Row>> = [
      { items: [{ fair: { id: 'f1' } }], nextCursor: 'c1' },
      { items: [{ fair: { id: 'f1' } }, { fair: { id: 'f2' } }] },
    ];
    const rows = renderHook(() => usePagedList(cursor => Promise.resolve(pages[cursor ? 1 : 0]), null, { itemKey: row => row.fair.id }), null);
    await settle();
    await settle(() => fake.emit('reachBottom'));

    expect(rows.current.items.map(row => row.fair.id)).toEqual(['f1', 'f2']);
    rows.unmount();
  });

  it('should start again from the first page on pull-down, keeping the shown items until it arrives', async () => {
    list = mountList(server);
    await server.answer({ items: items('a', 'b'), nextCursor: 'c1' });
    await settle(() => fake.emit('reachBottom'));
    await server.answer({ items: items('c'), nextCursor: 'c2' });

    const pulled = await startPullDown();
    expect(server.last().cursor).toBeUndefined();
    expect(list.current.status).toBe('ready');
    expect(ids(list.current)).toEqual(['a', 'b', 'c']);
    expect(fake.pullDownStops).toBe(0);

    await server.answer({ items: items('new', 'a'), nextCursor: 'n1' });
    await settle(() => pulled.done);
    expect(ids(list.current)).toEqual(['new', 'a']);
    expect(fake.pullDownStops).toBe(1);

    await settle(() => fake.emit('reachBottom'));
    expect(server.last().cursor).toBe('n1');
  });

  it('should drop a next page that arrives after a refresh started', async () => {
    list = mountList(server);
    await server.answer({ items: items('a'), nextCursor: 'c1' });
    await settle(() => fake.emit('reachBottom'));
    const nextPage = server.last();

    await settle(() => {
      void list?.current.reload();
    });
    const firstPage = server.last();
    await server.answer({ items: items('x'), nextCursor: 'c9' }, nextPage);
    await server.answer({ items: items('fresh') }, firstPage);

    expect(ids(list.current)).toEqual(['fresh']);
    expect(list.current.hasMore).toBe(false);
  });

  it('should show the error of a failed first page and load it on retry', async () => {
    list = mountList(server);
    await server.fail(new ApiError(503, 'SERVER_BUSY', '当前办理人数较多，正在为您排队，请稍后再试'));

    expect(list.current.status).toBe('error');
    expect(list.current.error).toBe('当前办理人数较多，正在为您排队，请稍后再试');
    expect(list.current.items).toEqual([]);

    await settle(() => {
      void list?.current.reload();
    });
    expect(list.current.status).toBe('loading');
    await server.answer({ items: items('a') });
    expect(list.current.status).toBe('ready');
    expect(ids(list.current)).toEqual(['a']);
  });

  it('should keep the loaded items when a next page fails, and add it on retry', async () => {
    list = mountList(server);
    await server.answer({ items: items('a'), nextCursor: 'c1' });
    await settle(() => fake.emit('reachBottom'));
    await server.fail(new Error('request:fail timeout'));

    expect(list.current.status).toBe('ready');
    expect(list.current.more).toBe('error');
    expect(ids(list.current)).toEqual(['a']);

    await settle(() => {
      void list?.current.loadMore();
    });
    expect(server.last().cursor).toBe('c1');
    await server.answer({ items: items('b') });
    expect(ids(list.current)).toEqual(['a', 'b']);
    expect(list.current.more).toBe('idle');
  });

  it('should start again when the filters change, and drop the answer for the old filters', async () => {
    list = mountList(server, { kind: 'policy' });
    const oldRequest = server.last();

    list.rerender({ kind: 'service' });
    const newRequest = server.last();
    expect(newRequest.filters).toEqual({ kind: 'service' });
    expect(list.current.status).toBe('loading');

    await server.answer({ items: items('s1') }, newRequest);
    await server.answer({ items: items('p1'), nextCursor: 'p' }, oldRequest);

    expect(ids(list.current)).toEqual(['s1']);
    expect(list.current.hasMore).toBe(false);
  });

  it('should clear the old items when the filters change', async () => {
    list = mountList(server, { kind: 'policy' });
    await server.answer({ items: items('p1', 'p2'), nextCursor: 'p' });

    list.rerender({ kind: 'service' });

    expect(list.current.status).toBe('loading');
    expect(list.current.items).toEqual([]);
    expect(list.current.hasMore).toBe(false);
  });

  it('should drop a next page for the old filters', async () => {
    list = mountList(server, { kind: 'policy' });
    await server.answer({ items: items('p1'), nextCursor: 'p' });
    await settle(() => fake.emit('reachBottom'));
    const oldNextPage = server.last();

    list.rerender({ kind: 'service' });
    await server.answer({ items: items('s1') });
    await server.answer({ items: items('p2') }, oldNextPage);

    expect(ids(list.current)).toEqual(['s1']);
  });

  it('should not reload when the same filters come as a new object', async () => {
    list = mountList(server, { kind: 'policy' });
    await server.answer({ items: items('p1') });

    list.rerender({ kind: 'policy' });

    expect(server.calls).toHaveLength(1);
    expect(list.current.status).toBe('ready');
  });

  it('should reload when the page is shown again only if asked to', async () => {
    list = mountList(server, { kind: 'all' }, { refreshOnShow: true });
    await server.answer({ items: items('a') });

    await settle(() => fake.emit('show'));
    expect(server.calls).toHaveLength(1);
    await settle(() => fake.emit('show'));
    expect(server.calls).toHaveLength(2);
    await server.answer({ items: items('a', 'b') });
    expect(ids(list.current)).toEqual(['a', 'b']);

    const other = fakeServer();
    const plain = mountList(other);
    await settle(() => fake.emit('show'));
    await settle(() => fake.emit('show'));
    expect(other.calls).toHaveLength(1);
    plain.unmount();
  });
});

describe('pull-down on a page with several data hooks', () => {
  beforeEach(() => fake.reset());

  it('should stop the spinner once, when the last of them has reloaded', async () => {
    const server = fakeServer();
    const summary = deferred<string>();
    let summaryCalls = 0;
    const page = renderHook(
      () => ({
        list: usePagedList(cursor => server.load({ kind: 'all' }, cursor)),
        summary: useRequest(
          () => {
            summaryCalls += 1;
            return summaryCalls === 1 ? Promise.resolve('first') : summary.promise;
          },
          'summary',
          { refreshOnPullDown: true },
        ),
      }),
      null,
    );
    await server.answer({ items: items('a') });

    const pulled = await startPullDown();
    await server.answer({ items: items('b') });
    expect(fake.pullDownStops).toBe(0);

    await settle(() => summary.resolve('second'));
    await settle(() => pulled.done);
    expect(fake.pullDownStops).toBe(1);
    expect(page.current.summary.data).toBe('second');
    expect(page.current.list.items).toEqual(items('b'));
    page.unmount();
  });

  it('should leave a request alone on pull-down unless it asks to reload', async () => {
    let calls = 0;
    const page = renderHook(() => useRequest(() => Promise.resolve(++calls), 'count'), null);
    await settle();
    await settle(() => fake.emit('pullDownRefresh'));
    expect(calls).toBe(1);
    page.unmount();
  });
});
