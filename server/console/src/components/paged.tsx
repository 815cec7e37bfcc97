import { useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { ErrorText, Loaded, useAsync } from './async';

/** A page of a list route (GET /tokens, /sends, /audit): its items and, when more follow, the next page's cursor. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/**
 * A cursor-paged list as a table: the first page whenever `deps` change, then "Load more" appends the page after
 * the last cursor. A page that fails to load is shown under the button, and the rows already shown stay.
 */
export function PagedTable<T>({
  load,
  deps,
  empty,
  columns,
  row
}: {
  load: (cursor?: string) => Promise<Page<T>>;
  deps: unknown[];
  /** What to say when the list is empty. */
  empty: string;
  /** The column headings. */
  columns: string[];
  /** An item's table row, with its key. */
  row: (item: T) => ComponentChildren;
}) {
  const [more, setMore] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string>();
  const [problem, setProblem] = useState<unknown>();
  const first = useAsync(async () => {
    const page = await load();
    setMore([]);
    setCursor(page.nextCursor);
    setProblem(undefined);
    return page;
  }, deps);
  const loadMore = async () => {
    try {
      const page = await load(cursor);
      setMore((shown) => [...shown, ...page.items]);
      setCursor(page.nextCursor);
      setProblem(undefined);
    } catch (error) {
      setProblem(error);
    }
  };
  return (
    <Loaded state={first}>
      {(page) => {
        const items = [...page.items, ...more];
        if (items.length === 0) return <p class="muted">{empty}</p>;
        return (
          <>
            <div class="scroll">
              <table>
                <thead>
                  <tr>
                    {columns.map((column) => (
                      <th scope="col" key={column}>
                        {column}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>{items.map(row)}</tbody>
              </table>
            </div>
            {cursor ? (
              <button type="button" onClick={loadMore}>
                Load more
              </button>
            ) : null}
            {problem ? <ErrorText error={problem} /> : null}
          </>
        );
      }}
    </Loaded>
  );
}
