"""Answers placement questions with the real python-memcached and pymemcache code.

Reads one JSON request on stdin and writes one JSON answer on stdout, so the Node test
pays for a single interpreter start. Nothing connects to a server: python-memcached's
hosts get a stand-in socket (alive) or a future `deaduntil` (dead), so its own
`_get_server` / `_Host.connect` logic decides, and pymemcache's clients connect lazily.

Request: {"cases": [case, ...]}; each case is one of
  {"kind": "python-memcached", "servers": [[name, weight], ...], "dead": [i, ...], "keys": [hex, ...]}
  {"kind": "pymemcache-str",   "nodes": [name, ...], "dead": [i, ...], "keys": [str, ...]}
  {"kind": "pymemcache-bytes", "nodes": [name, ...], "dead": [i, ...], "keys": [hex, ...]}
  {"kind": "bytes-repr", "keys": [hex, ...]}
Answer: {"versions": {...}, "results": [[server index or -1 | repr string, ...], ...]}
"""
import json
import sys
import time

import memcache
import pymemcache
from pymemcache.client.hash import HashClient
from pymemcache.client.rendezvous import RendezvousHash
from pymemcache.exceptions import MemcacheError


class StandInSocket:
    """Makes `_Host._get_socket` return at once, as for an open connection."""

    def close(self):
        pass


def python_memcached(case):
    client = memcache.Client([tuple(s) for s in case["servers"]])
    for index, host in enumerate(client.servers):
        if index in case["dead"]:
            host.deaduntil = time.time() + 3600
        else:
            host.socket = StandInSocket()
    out = []
    for key in case["keys"]:
        server, _ = client._get_server(bytes.fromhex(key))
        # _Host has no __eq__, so index() matches by identity.
        out.append(-1 if server is None else client.servers.index(server))
    return out


def pymemcache_str(case):
    # HashClient itself, so its key checks and hasher wiring are exercised too.
    hosts = [tuple(n.rsplit(":", 1)) for n in case["nodes"]]
    client = HashClient([(h, int(p)) for h, p in hosts], allow_unicode_keys=True)
    for index in case["dead"]:
        client.hasher.remove_node(case["nodes"][index])
    by_id = {id(client.clients[name]): i for i, name in enumerate(case["nodes"])}
    out = []
    for key in case["keys"]:
        try:
            out.append(by_id[id(client._get_client(key))])
        except MemcacheError:
            out.append(-1)
    return out


def pymemcache_bytes(case):
    # Random bytes include whitespace that HashClient's key check rejects, so ask the
    # hasher it delegates to directly.
    hasher = RendezvousHash(list(case["nodes"]))
    for index in case["dead"]:
        hasher.remove_node(case["nodes"][index])
    out = []
    for key in case["keys"]:
        node = hasher.get_node(bytes.fromhex(key))
        out.append(-1 if node is None else case["nodes"].index(node))
    return out


HANDLERS = {
    "python-memcached": python_memcached,
    "pymemcache-str": pymemcache_str,
    "pymemcache-bytes": pymemcache_bytes,
    "bytes-repr": lambda case: [repr(bytes.fromhex(k)) for k in case["keys"]],
}

request = json.load(sys.stdin)
json.dump(
    {
        "versions": {
            "python": sys.version.split()[0],
            "memcache": memcache.__version__,
            "pymemcache": pymemcache.__version__,
        },
        "results": [HANDLERS[case["kind"]](case) for case in request["cases"]],
    },
    sys.stdout,
)
