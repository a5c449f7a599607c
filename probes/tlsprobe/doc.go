// Package tlsprobe owns the check of one TLS target: it connects (through
// the runner's dialer), completes a handshake whatever the certificate
// says, keeps everything the server presented (chain, stapled OCSP, SCTs,
// version, cipher) and then judges the chain with independent checks —
// name (code 1), dates (5), trust (6), purpose (7) and the code-100 faults
// (old protocol, weak signatures and keys, unusable connections) — ranked
// the way browsers rank them, never stopping at the first error.
//
// The package does no printing and keeps network strings raw in evidence;
// renderers sanitize them.
package tlsprobe
