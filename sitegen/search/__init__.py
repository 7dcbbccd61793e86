"""Search: how a site's index is split (shards), what Pagefind is given of
each page (body), the Pagefind service (pagefind), running it while the other
sites render (indexer), which indexes a site needs made again (site), and the
index files kept, seeded and pruned (files)."""
