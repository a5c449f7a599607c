// Package interception owns the question "is something on this network
// or machine re-signing TLS connections?". It names known interception
// products (antivirus web shields, enterprise secure web gateways,
// firewalls, debugging proxies) from the issuer names in a presented
// chain (Identify), and compares the machine's trust store with the
// public Web PKI bundle to tell a public chain from one anchored at a
// locally deployed root (ClassifyRoots).
//
// It does no I/O. Results carry findings-ready evidence with raw
// certificate names; renderers sanitize them.
package interception
