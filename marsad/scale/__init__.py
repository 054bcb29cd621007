"""Scale out: the same pipeline on a Dask (``dask.distributed``) cluster.

``extract_distributed`` is ``marsad extract`` on a local cluster of N processes
(``workers=N``) or an existing cluster (``scheduler="tcp://host:8786"``); its
output is byte-for-byte the serial output, in input order.
``process_distributed`` is ``marsad.process(executor="dask", ...)`` (stored
articles → stored events), kept as a thin alias.  The cluster is one of the
executors of :mod:`marsad.executors`.  See docs/scaling.md.
"""

from marsad.scale._cluster import ClusterError, dask_client
from marsad.scale._extract import ExtractReport, extract_distributed
from marsad.scale._process import ProcessReport, process_distributed

__all__ = ["ClusterError", "ExtractReport", "ProcessReport", "dask_client", "extract_distributed", "process_distributed"]
