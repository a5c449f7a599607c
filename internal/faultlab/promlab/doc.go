// Package promlab starts Debian's Prometheus node exporter (with only the
// textfile collector) and Prometheus itself on free loopback ports with
// temporary storage, for end-to-end tests of certwiz's metrics: certwiz
// writes a textfile, the exporter serves it, Prometheus scrapes it and a
// test reads the series back through the HTTP API. Both processes are
// stopped by their PIDs when the test ends. A missing binary follows
// faultlab.Missing (skip locally, fail under CI).
package promlab
