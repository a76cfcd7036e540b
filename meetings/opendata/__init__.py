"""The archive in the formats others read: citations, Akoma Ntoso, Popolo, schema.org.

Pure functions of prefetched model instances: no queries of their own, no requests.
"""
