package tlsprobe

import (
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"testing"
	"time"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/internal/faultlab/pki"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
)

var criticalUnknown = pkix.Extension{Id: asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 55555, 1}, Critical: true, Value: []byte{5, 0}}

// must returns v, panicking on err: for fixtures that cannot fail.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// crossSigned re-issues ca's subject and key under issuer with opts (a
// cross-certificate, as old roots are cross-signed by older ones).
func crossSigned(t *testing.T, ca, issuer *pki.Cert, opts ...pki.Option) *pki.Cert {
	t.Helper()
	asCA := pki.Template(func(c *x509.Certificate) {
		c.Subject = ca.Cert.Subject
		c.DNSNames, c.IPAddresses, c.ExtKeyUsage = nil, nil, nil
		c.IsCA, c.BasicConstraintsValid = true, true
		c.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageCRLSign
	})
	return must(issuer.LeafWithKey(nil, ca.Key, append([]pki.Option{asCA}, opts...)...))
}

func TestJudgedOnTheVerifiedPath(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	now := time.Now()
	oldRoot := must(pki.NewRoot("Old Cross Root", pki.Valid(now.Add(-20*365*24*time.Hour), now.Add(-365*24*time.Hour))))
	expiredCross := crossSigned(t, lab.Root, oldRoot, pki.Valid(now.Add(-10*365*24*time.Hour), now.Add(-30*24*time.Hour)))
	unrelated := must(lab.Root.Intermediate("Unrelated Critical CA", pki.Extension(criticalUnknown)))
	sha1CA := must(lab.Root.Intermediate("SHA-1 Issuing CA", pki.SignatureAlgorithm(x509.ECDSAWithSHA1)))
	sha1Leaf := must(sha1CA.Leaf([]string{tlslab.DefaultHost}))
	critRoot := must(pki.NewRoot("Critical Extension Root", pki.Extension(criticalUnknown)))
	critInter := must(critRoot.Intermediate("Under Critical Root CA"))
	critLeaf := must(critInter.Leaf([]string{tlslab.DefaultHost}))
	lapsedRoot := must(pki.NewRoot("Lapsed Root", pki.Valid(now.Add(-10*365*24*time.Hour), now.Add(-2*24*time.Hour))))
	lapsedInter := must(lapsedRoot.Intermediate("Under Lapsed Root CA", pki.Valid(now.Add(-24*time.Hour), now.Add(365*24*time.Hour))))
	lapsedLeaf := must(lapsedInter.Leaf([]string{tlslab.DefaultHost}))

	tests := []struct {
		name     string
		opts     []tlslab.Option
		roots    *x509.CertPool
		ids      []string
		codes    []findings.Code
		idx      int
		evidence map[string]string
	}{
		{name: "expired cross-signed extra certificate is information",
			opts: []tlslab.Option{tlslab.WithExtraCerts(expiredCross)},
			ids:  []string{IDUnneededCert}, idx: 2,
			evidence: map[string]string{LabelSubject: "certwiz Lab Root", LabelProblem: "expired"}},
		{name: "expired cross cert and the old root both sent",
			opts: []tlslab.Option{tlslab.WithExtraCerts(expiredCross, oldRoot)},
			ids:  []string{IDUnneededCert, IDUnneededCert}, idx: 2,
			evidence: map[string]string{LabelProblem: "expired"}},
		{name: "unrelated intermediate with an unknown critical extension is information",
			opts: []tlslab.Option{tlslab.WithExtraCerts(unrelated)},
			ids:  []string{IDUnneededCert}, idx: 2,
			evidence: map[string]string{LabelSubject: "Unrelated Critical CA", LabelProblem: "unknown critical extension"}},
		{name: "SHA-1 intermediate in a trusted chain is a weak signature, not untrusted",
			opts: []tlslab.Option{tlslab.WithCertificate(sha1Leaf)},
			ids:  []string{IDWeakSignature}, codes: []findings.Code{100}, idx: 1,
			evidence: map[string]string{LabelSubject: "SHA-1 Issuing CA", LabelSignatureAlg: "SHA1"}},
		{name: "trust anchor with an unknown critical extension is rejected",
			opts: []tlslab.Option{tlslab.WithCertificate(critLeaf)}, roots: critRoot.Pool(),
			ids: []string{IDCriticalExtension}, codes: []findings.Code{100}, idx: -1,
			evidence: map[string]string{LabelSubject: "Critical Extension Root"}},
		{name: "expired trust anchor is a date fault",
			opts: []tlslab.Option{tlslab.WithCertificate(lapsedLeaf)}, roots: lapsedRoot.Pool(),
			ids: []string{IDExpired}, codes: []findings.Code{5}, idx: -1,
			evidence: map[string]string{LabelSubject: "Lapsed Root"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := lab.Serve(t, tlslab.Valid, tt.opts...)
			roots := tt.roots
			if roots == nil {
				roots = lab.Roots()
			}
			r := probeAt(t, srv.Addr, roots)
			wantIDs(t, r, tt.ids, tt.codes)
			if r.Findings[0].CertIndex != tt.idx {
				t.Errorf("CertIndex = %d, want %d", r.Findings[0].CertIndex, tt.idx)
			}
			for l, v := range tt.evidence {
				wantEvidence(t, r.Findings[0], l, v)
			}
		})
	}
}

// ladder returns a leaf under n intermediates below root.
func ladder(t *testing.T, root *pki.Cert, n int) *pki.Cert {
	t.Helper()
	ca := root
	for i := range n {
		ca = must(ca.Intermediate("Rung CA " + string(rune('A'+i))))
	}
	return must(ca.Leaf([]string{tlslab.DefaultHost}))
}

func TestChainLength(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	for _, tc := range []struct {
		inters int
		ids    []string
		codes  []findings.Code
	}{
		{inters: MaxChain - 2}, // leaf + 8 + root = the limit
		{inters: MaxChain - 1, ids: []string{IDChainTooLong}, codes: []findings.Code{100}},
		{inters: MaxChain + 3, ids: []string{IDChainTooLong}, codes: []findings.Code{100}},
	} {
		srv := lab.Serve(t, tlslab.Valid, tlslab.WithCertificate(ladder(t, lab.Root, tc.inters)))
		r := probeAt(t, srv.Addr, lab.Roots())
		wantIDs(t, r, tc.ids, tc.codes)
		if tc.ids != nil {
			wantEvidence(t, r.Findings[0], LabelCertificates, itoa(tc.inters+2))
		}
	}
}

func itoa(n int) string { return string(rune('0'+n/10)) + string(rune('0'+n%10)) }

// brokenCA returns DER that Go's parser rejects but whose names a lenient
// walk still reads: a CA certificate with a malformed key usage.
func brokenCA(t *testing.T, issuer *pki.Cert) []byte {
	t.Helper()
	tmpl := &x509.Certificate{
		SerialNumber: must(pki.NewSerial()), Subject: pkix.Name{CommonName: "Broken Issuing CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true,
		ExtraExtensions: []pkix.Extension{{Id: asn1.ObjectIdentifier{2, 5, 29, 15}, Critical: true, Value: []byte{0xde, 0xad}}},
	}
	der := must(x509.CreateCertificate(rand.Reader, tmpl, issuer.Cert, issuer.Key.Public(), issuer.Key))
	if _, err := x509.ParseCertificate(der); err == nil {
		t.Fatal("the broken certificate parses")
	}
	return der
}

func TestUnreadableCertificate(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	leaf := must(lab.Intermediate.Leaf([]string{tlslab.DefaultHost}))
	broken := brokenCA(t, lab.Root)
	for _, tc := range []struct {
		name    string
		chain   [][]byte
		idx     int
		subject string
		ids     []string
	}{
		{"malformed intermediate, names readable", [][]byte{leaf.Cert.Raw, broken}, 1, "Broken Issuing CA", []string{IDUnreadableCert, IDIncompleteChain}},
		{"garbage after a good intermediate", [][]byte{leaf.Cert.Raw, lab.Intermediate.Cert.Raw, []byte("not a certificate at all")}, 2, "", []string{IDUnreadableCert}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			addr := goServer(t, leaf, func(c *tls.Config) {
				c.Certificates = []tls.Certificate{{Certificate: tc.chain, PrivateKey: leaf.Key, Leaf: leaf.Cert}}
				c.MaxVersion = tls.VersionTLS12
			})
			r := probeAt(t, addr, lab.Roots())
			if got := ids(r.Findings); len(got) != len(tc.ids) || got[0] != tc.ids[0] || got[len(got)-1] != tc.ids[len(tc.ids)-1] {
				t.Fatalf("findings = %v, want %v", got, tc.ids)
			}
			f := r.Findings[0]
			if findings.Primary(r.Findings) != findings.CodeOther || f.CertIndex != tc.idx {
				t.Fatalf("primary %v, CertIndex %d", findings.Primary(r.Findings), f.CertIndex)
			}
			wantEvidence(t, f, LabelPosition, itoa(tc.idx)[1:])
			wantEvidence(t, f, LabelSize, "*")
			if tc.subject != "" {
				wantEvidence(t, f, LabelSubject, tc.subject)
				wantEvidence(t, f, LabelIssuer, "certwiz Lab Root")
			}
		})
	}
}
