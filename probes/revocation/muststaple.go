package revocation

import (
	"crypto/x509"
	"encoding/asn1"
)

// oidTLSFeature is the TLS feature extension (RFC 7633).
var oidTLSFeature = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 1, 24}

// statusRequest is the TLS extension number of status_request.
const statusRequest = 5

// mustStaple reports whether cert demands a stapled OCSP response: its
// TLS feature extension lists status_request.
func mustStaple(cert *x509.Certificate) bool {
	for _, e := range cert.Extensions {
		if !e.Id.Equal(oidTLSFeature) {
			continue
		}
		var features []int
		if rest, err := asn1.Unmarshal(e.Value, &features); err != nil || len(rest) != 0 {
			return false
		}
		for _, f := range features {
			if f == statusRequest {
				return true
			}
		}
	}
	return false
}
