package tlsprobe

import (
	"crypto/tls"
	"reflect"
	"testing"
	"time"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/internal/faultlab/pki"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
)

func TestProbeScenarios(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	past := pki.Valid(time.Now().Add(-60*24*time.Hour), time.Now().Add(-5*24*time.Hour))
	tests := []struct {
		name     string
		scenario tlslab.Scenario
		opts     []tlslab.Option
		host     string // "" means the server's host
		ids      []string
		codes    []findings.Code
		idx      int               // CertIndex of the first finding
		evidence map[string]string // of the first finding; "*" = non-empty
	}{
		{name: "valid", scenario: tlslab.Valid},
		{name: "expired leaf", scenario: tlslab.Expired,
			ids: []string{IDExpired}, codes: []findings.Code{5},
			evidence: map[string]string{LabelNotAfter: "*", LabelLocalTime: "*", LabelDaysAgo: "10", LabelExpiredAgo: "10d", LabelSubject: "zoom.test"}},
		{name: "not yet valid", scenario: tlslab.NotYetValid,
			ids: []string{IDNotYetValid}, codes: []findings.Code{5},
			evidence: map[string]string{LabelNotBefore: "*", LabelDaysAhead: "9", LabelValidIn: "9d 23h"}},
		{name: "wrong host", scenario: tlslab.WrongHost,
			ids: []string{IDNameMismatch}, codes: []findings.Code{1},
			evidence: map[string]string{LabelHost: "zoom.test", LabelNames: "wrong.test"}},
		{name: "unknown CA", scenario: tlslab.UnknownCA,
			ids: []string{IDUntrustedIssuer}, codes: []findings.Code{6}, idx: 1,
			evidence: map[string]string{LabelIssuer: "Unknown Lab Root", LabelSubject: "zoom.test"}},
		{name: "self-signed", scenario: tlslab.SelfSigned,
			ids: []string{IDSelfSigned}, codes: []findings.Code{6},
			evidence: map[string]string{LabelSubject: "zoom.test", LabelIssuer: "zoom.test"}},
		{name: "missing intermediate", scenario: tlslab.MissingIntermediate,
			ids: []string{IDIncompleteChain}, codes: []findings.Code{6},
			evidence: map[string]string{LabelIssuer: "certwiz Lab Issuing CA", LabelAIAIssuerURL: tlslab.AIAIssuerURL}},
		{name: "clientAuth only", scenario: tlslab.ClientAuthOnly,
			ids: []string{IDBadPurpose}, codes: []findings.Code{7},
			evidence: map[string]string{LabelEKU: "clientAuth"}},
		{name: "CA as leaf", scenario: tlslab.CAAsLeaf,
			ids: []string{IDCAAsLeaf}, codes: []findings.Code{7}},
		{name: "TLS 1.0 only", scenario: tlslab.TLS10Only,
			ids: []string{IDOldVersion}, codes: []findings.Code{100}, idx: -1,
			evidence: map[string]string{LabelVersion: "TLS 1.0"}},
		{name: "expired intermediate", scenario: tlslab.ExpiredIntermediate,
			ids: []string{IDExpired}, codes: []findings.Code{5}, idx: 1,
			evidence: map[string]string{LabelSubject: "certwiz Lab Lapsed CA", LabelDaysAgo: "1"}},
		{name: "SHA-1 signature is weak, not untrusted", scenario: tlslab.WeakSignature,
			ids: []string{IDWeakSignature}, codes: []findings.Code{100},
			evidence: map[string]string{LabelSignatureAlg: "ECDSA-SHA1"}},
		{name: "1024-bit RSA key", scenario: tlslab.WeakKey,
			ids: []string{IDWeakKey}, codes: []findings.Code{100},
			evidence: map[string]string{LabelKeyBits: "1024", LabelKeyType: "RSA"}},
		{name: "expired leaf from untrusted CA ranks 6 before 5", scenario: tlslab.UnknownCA,
			opts: []tlslab.Option{tlslab.WithLeafOptions(past)},
			ids:  []string{IDUntrustedIssuer, IDExpired}, codes: []findings.Code{6, 5}, idx: 1},
		{name: "wrong host and expired rank 1 before 5", scenario: tlslab.Expired, host: "meet.test",
			ids: []string{IDNameMismatch, IDExpired}, codes: []findings.Code{1, 5},
			evidence: map[string]string{LabelHost: "meet.test", LabelNames: "zoom.test, 127.0.0.1"}},
		{name: "clientAuth, wrong host and expired: 7, 1, 5", scenario: tlslab.ClientAuthOnly, host: "meet.test",
			opts: []tlslab.Option{tlslab.WithLeafOptions(past)},
			ids:  []string{IDBadPurpose, IDNameMismatch, IDExpired}, codes: []findings.Code{7, 1, 5}},
		{name: "IP literal host matches the IP SAN", scenario: tlslab.Valid, host: "127.0.0.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := lab.Serve(t, tt.scenario, tt.opts...)
			host := tt.host
			if host == "" {
				host = srv.Host
			}
			r := probeServer(t, lab, srv, host, 5*time.Second)
			if r.Err != nil {
				t.Fatalf("Err = %v", r.Err)
			}
			if got := ids(r.Findings); !reflect.DeepEqual(got, tt.ids) {
				t.Fatalf("findings = %v, want %v (%+v)", got, tt.ids, r.Findings)
			}
			if got := findings.Codes(r.Findings); !reflect.DeepEqual(got, tt.codes) {
				t.Fatalf("codes = %v, want %v", got, tt.codes)
			}
			checkListed(t, r.Findings)
			if len(r.Chain) != len(srv.Chain) || !r.Chain[0].Equal(srv.Chain[0]) {
				t.Fatalf("captured chain of %d, server presents %d", len(r.Chain), len(srv.Chain))
			}
			if r.Version == 0 || r.CipherSuite == 0 || r.Addr != srv.Addr {
				t.Fatalf("version %x suite %x addr %q (server %q)", r.Version, r.CipherSuite, r.Addr, srv.Addr)
			}
			if len(tt.ids) == 0 {
				return
			}
			first := r.Findings[0]
			if first.CertIndex != tt.idx || first.Severity != findings.Critical {
				t.Errorf("first finding CertIndex %d severity %v, want %d critical", first.CertIndex, first.Severity, tt.idx)
			}
			for label, want := range tt.evidence {
				wantEvidence(t, first, label, want)
			}
		})
	}
}

func TestProbeNegotiatesModernTLS(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	srv := lab.Serve(t, tlslab.Valid)
	r := probeServer(t, lab, srv, srv.Host, 5*time.Second)
	if r.Version != tls.VersionTLS13 {
		t.Fatalf("version = %s", VersionName(r.Version))
	}
	if len(r.Findings) != 0 || r.Duration <= 0 {
		t.Fatalf("findings %v duration %v", r.Findings, r.Duration)
	}
}
