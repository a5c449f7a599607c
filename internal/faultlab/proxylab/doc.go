// Package proxylab runs forward proxies on loopback for tests: a small Go
// HTTP CONNECT proxy with optional Basic login (StartConnect), and a
// harness that runs Debian's real squid as a child process, plainly, with
// a login, or as a TLS-intercepting (ssl-bump) proxy (StartSquid).
//
// Both refuse to reach anything but loopback addresses.
package proxylab
