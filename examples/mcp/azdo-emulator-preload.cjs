'use strict';
// Points Microsoft's Azure DevOps MCP server (@azure-devops/mcp) at a local `azdo emulator`, inside
// the Node process that loads it (`node --require ./azdo-emulator-preload.cjs ...`) and nowhere
// else: no /etc/hosts change. The server hard-codes https://dev.azure.com/ORG,
// vssps.dev.azure.com and almsearch.dev.azure.com; connections to those names go to the
// emulator's address and port, and TLS still checks the certificate against the name (start the
// emulator with --https --host-name for each name and trust its PEM with NODE_EXTRA_CA_CERTS).
//
//   AZDO_EMULATOR_ADDRESS  127.0.0.1:PORT of the emulator (required)
//   AZDO_EMULATOR_HOSTS    comma-separated names to send there
//                          (default dev.azure.com,vssps.dev.azure.com,almsearch.dev.azure.com)
const net = require('node:net');
const tls = require('node:tls');
const dns = require('node:dns');
const Module = require('node:module');

const target = process.env.AZDO_EMULATOR_ADDRESS || '';
const colon = target.lastIndexOf(':');
if (colon < 0) {
  throw new Error('azdo-emulator-preload: set AZDO_EMULATOR_ADDRESS to the emulator\'s 127.0.0.1:PORT');
}
const address = target.slice(0, colon);
const port = Number(target.slice(colon + 1));
const hosts = new Set(
  (process.env.AZDO_EMULATOR_HOSTS || 'dev.azure.com,vssps.dev.azure.com,almsearch.dev.azure.com')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean));
const ours = (host) => typeof host === 'string' && hosts.has(host.toLowerCase().replace(/\.$/, ''));

// net.connect / tls.connect(options) or (port, host[, options]): those names go to the emulator;
// servername keeps the name for SNI and the certificate check.
function redirect(args) {
  const [first, second, third] = args;
  if (first && typeof first === 'object' && ours(first.host)) {
    return [{ ...first, servername: first.servername || first.host, host: address, port }, ...args.slice(1)];
  }
  if ((typeof first === 'number' || typeof first === 'string') && ours(second)) {
    const options = third && typeof third === 'object' ? third : {};
    const rest = args.slice(third && typeof third === 'object' ? 3 : 2);
    return [{ ...options, servername: options.servername || second, host: address, port }, ...rest];
  }
  return args;
}
for (const mod of [tls, net]) {
  const connect = mod.connect;
  mod.connect = function (...args) {
    return connect.apply(this, redirect(args));
  };
}
net.createConnection = net.connect;

// Code that looks the names up itself gets the emulator's address.
const lookup = dns.lookup;
dns.lookup = function (host, options, callback) {
  if (!ours(host)) {
    return lookup.apply(this, arguments);
  }
  const cb = typeof options === 'function' ? options : callback;
  const all = options && typeof options === 'object' && options.all;
  process.nextTick(() => (all ? cb(null, [{ address, family: 4 }]) : cb(null, address, 4)));
  return {};
};

// keytar (an OS keychain module the server loads but never uses with --authentication pat) has
// no native binary when installed with `npm ci --ignore-scripts` (its download fails offline);
// stand in for the missing binary only then.
const load = Module._load;
Module._load = function (request, ...rest) {
  try {
    return load.call(this, request, ...rest);
  } catch (e) {
    if (e && e.code === 'MODULE_NOT_FOUND' && /keytar\.node$/.test(request)) {
      const unavailable = async () => {
        throw new Error('keytar is not available');
      };
      return {
        getPassword: unavailable,
        setPassword: unavailable,
        deletePassword: unavailable,
        findPassword: unavailable,
        findCredentials: unavailable,
      };
    }
    throw e;
  }
};
