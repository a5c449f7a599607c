// Package faultlab is certwiz's loopback fault lab: real servers that
// reproduce, on 127.0.0.1 and ::1 only, every failure certwiz diagnoses.
// Its subpackages build certificate chains (pki), serve TLS scenarios,
// run real NTP, OCSP, proxy and captive-portal servers, and delay
// traffic. Tests and benchmarks use it; the shipped binary does not.
package faultlab
