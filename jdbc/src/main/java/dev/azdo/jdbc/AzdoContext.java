package dev.azdo.jdbc;

import dev.azdo.client.AzdoClient;

/**
 * What every table of one connection shares: the client, the driver's settings and the writes.
 *
 * @param client the connection's client
 * @param options the driver's settings
 * @param writes the connection's work item writes (batched while a statement runs)
 */
record AzdoContext(AzdoClient client, DriverOptions options, StatementWrites writes) {}
