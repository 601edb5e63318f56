"""Indexing on a Dask cluster: the same store as ``-j``, with the parsing spread over many machines.

``fiscallint index REPORTS --db STORE --dask`` starts a local cluster (``-j`` worker processes,
one thread each); ``--dask tcp://host:8786`` uses a running scheduler (``dask scheduler`` on one
machine, ``dask worker tcp://host:8786`` on the others, all seeing the reports under the same
absolute paths). Workers parse and return picklable records; only this process writes the store, in path
order, so the rows are the same as a single-machine run. Dask is imported only here.
"""

from __future__ import annotations

import os
from typing import Callable, Iterator

from ..errors import InputError
from .store import IndexedReport

LOCAL = "local"


def run_on_dask(todo: list[tuple[str, str]], address: str, jobs: int,
                index_file: Callable[[str, str], IndexedReport]) -> Iterator[IndexedReport]:
    """Index ``todo`` (path, sha256) with ``index_file`` on a Dask cluster, yielding records in
    the order given."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise InputError("--dask needs dask.distributed: pip install 'fiscallint[cluster]'") from None

    if address == LOCAL:
        cluster = LocalCluster(n_workers=jobs or os.cpu_count() or 1, threads_per_worker=1,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
    else:
        cluster = None
        try:
            client = Client(address, timeout="10s")
        except OSError as exc:
            raise InputError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        futures = client.map(index_file, [os.path.abspath(p) for p, _ in todo], [s for _, s in todo], pure=False)
        for (path, _), future in zip(todo, futures):
            record = future.result()
            record.path = path  # workers read absolute paths; the store keeps the path as given
            yield record
            future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
