// spdy-transport ships no types; its dictionary module exports the SPDY header dictionaries by protocol version.
declare module 'spdy-transport/lib/spdy-transport/protocol/spdy/dictionary' {
  const dictionaries: Record<string, Buffer>;
  export = dictionaries;
}
