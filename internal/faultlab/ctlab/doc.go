// Package ctlab mints Certificate Transparency test material with real
// signatures: test logs with their own keys, certificates issued through
// the precertificate flow (poison extension, SCTs signed over the
// precertificate entry, final certificate carrying the SCT list), SCTs
// for delivery over TLS or OCSP, damaged SCTs, and a log list in
// Chrome's v3 schema naming the test logs.
package ctlab
