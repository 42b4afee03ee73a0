"""Remote SPARQL stores over HTTP: one checked POST (`http`), loading the export into a store
(`push`), and running a checked query on an endpoint (`query`)."""
