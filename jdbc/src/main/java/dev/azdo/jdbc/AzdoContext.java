package dev.azdo.jdbc;

import dev.azdo.client.AzdoClient;

/**
 * What every table of one connection shares: the client and the driver's settings.
 *
 * @param client the connection's client
 * @param options the driver's settings
 */
record AzdoContext(AzdoClient client, DriverOptions options) {}
