"""Contract tests: the mock and the generated clients checked against the specs."""
