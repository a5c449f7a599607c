package tlsprobe

import (
	"context"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/internal/faultlab/pki"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
	"github.com/certwiz/certwiz/sanitize"
)

func TestProbeCertificateDetails(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	mint := func(t *testing.T, issuer *pki.Cert, names []string, opts ...pki.Option) *pki.Cert {
		t.Helper()
		c, err := issuer.Leaf(names, opts...)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}

	t.Run("legacy common name only", func(t *testing.T) {
		t.Parallel()
		leaf := mint(t, lab.Intermediate, nil, pki.CommonName("zoom.test"))
		srv := lab.Serve(t, tlslab.Valid, tlslab.WithCertificate(leaf))
		r := probeServer(t, lab, srv, "zoom.test", 5*time.Second)
		f := find(t, r, IDNameMismatch)
		wantEvidence(t, f, LabelLegacyCommonName, "zoom.test")
		wantEvidence(t, f, LabelNames, "(none)")
		if got := ids(r.Findings); !reflect.DeepEqual(got, []string{IDNameMismatch}) {
			t.Fatalf("findings = %v", got)
		}
	})
	t.Run("unhandled critical extension is code 100, not untrusted", func(t *testing.T) {
		t.Parallel()
		ext := pkix.Extension{Id: asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 99999, 1}, Critical: true, Value: []byte{5, 0}}
		srv := lab.Serve(t, tlslab.Valid, tlslab.WithLeafOptions(pki.Extension(ext)))
		r := probeServer(t, lab, srv, srv.Host, 5*time.Second)
		if got := ids(r.Findings); !reflect.DeepEqual(got, []string{IDCriticalExtension}) {
			t.Fatalf("findings = %v", got)
		}
		wantEvidence(t, r.Findings[0], LabelOID, "1.3.6.1.4.1.99999.1")
	})
	t.Run("key usage without digitalSignature", func(t *testing.T) {
		t.Parallel()
		srv := lab.Serve(t, tlslab.Valid, tlslab.WithLeafOptions(pki.Template(func(c *x509.Certificate) {
			c.KeyUsage = x509.KeyUsageKeyEncipherment
		})))
		r := probeServer(t, lab, srv, srv.Host, 5*time.Second)
		if got := ids(r.Findings); !reflect.DeepEqual(got, []string{IDBadKeyUsage}) {
			t.Fatalf("findings = %v", got)
		}
		wantEvidence(t, r.Findings[0], LabelKeyUsage, "keyEncipherment")
		wantEvidence(t, r.Findings[0], LabelRequired, "digitalSignature")
	})
	t.Run("intermediate restricted to clientAuth", func(t *testing.T) {
		t.Parallel()
		inter, err := lab.Root.Intermediate("Client CA", pki.EKU(x509.ExtKeyUsageClientAuth))
		if err != nil {
			t.Fatal(err)
		}
		srv := lab.Serve(t, tlslab.Valid, tlslab.WithCertificate(mint(t, inter, []string{"zoom.test"})))
		r := probeServer(t, lab, srv, srv.Host, 5*time.Second)
		if got := findings.Codes(r.Findings); !reflect.DeepEqual(got, []findings.Code{7}) {
			t.Fatalf("codes = %v (%v)", got, ids(r.Findings))
		}
		f := find(t, r, IDBadPurpose)
		if f.CertIndex != 1 {
			t.Fatalf("CertIndex = %d", f.CertIndex)
		}
		wantEvidence(t, f, LabelEKU, "clientAuth")
		wantEvidence(t, f, LabelIssuer, "Client CA")
	})
	t.Run("many needless duplicates on a short path are no fault", func(t *testing.T) {
		t.Parallel()
		var extra []*pki.Cert
		for range MaxChain + 2 {
			extra = append(extra, lab.Intermediate)
		}
		srv := lab.Serve(t, tlslab.Valid, tlslab.WithExtraCerts(extra...))
		r := probeServer(t, lab, srv, srv.Host, 5*time.Second)
		if r.Sent != MaxChain+4 || len(r.Chain) != MaxChain+4 {
			t.Fatalf("sent %d, kept %d certificates", r.Sent, len(r.Chain))
		}
		if len(r.Findings) != 0 {
			t.Fatalf("findings = %v", ids(r.Findings))
		}
	})
	t.Run("stapled OCSP and SCTs are captured", func(t *testing.T) {
		t.Parallel()
		staple, sct := []byte("staple-bytes"), []byte("sct-bytes")
		srv := lab.Serve(t, tlslab.Valid, tlslab.WithOCSPStaple(staple), tlslab.WithSCTs(sct))
		r := probeServer(t, lab, srv, srv.Host, 5*time.Second)
		if string(r.StapledOCSP) != string(staple) || len(r.SCTs) != 1 || string(r.SCTs[0]) != string(sct) {
			t.Fatalf("staple %q scts %q", r.StapledOCSP, r.SCTs)
		}
	})
	t.Run("untrusted by the system pool when roots are nil", func(t *testing.T) {
		t.Parallel()
		srv := lab.Serve(t, tlslab.Valid)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		r := Probe(ctx, Config{Host: srv.Host, Port: srv.Port, Dial: dialTo(srv.Addr)})
		if got := findings.Codes(r.Findings); !reflect.DeepEqual(got, []findings.Code{6}) {
			t.Fatalf("codes = %v (%v)", got, ids(r.Findings))
		}
	})
}

func TestHostileNamesStayRawInEvidence(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	hostile := "zoom.test\x1b]52;c;ZXZpbA==\x07\u202egnp.exe\x1b[2J"
	leaf, err := lab.Intermediate.Leaf([]string{"evil\x1b[31m.test"}, pki.CommonName(hostile))
	if err != nil {
		t.Fatal(err)
	}
	srv := lab.Serve(t, tlslab.Valid, tlslab.WithCertificate(leaf))
	r := probeServer(t, lab, srv, "zoom.test", 5*time.Second)
	f := find(t, r, IDNameMismatch)
	if got := f.Value(LabelCommonName); got != hostile {
		t.Fatalf("common name evidence = %q, want the raw %q", got, hostile)
	}
	if !strings.Contains(f.Value(LabelNames), "\x1b[31m") {
		t.Fatalf("names evidence lost its raw bytes: %q", f.Value(LabelNames))
	}
	for _, f := range r.Findings {
		for _, e := range append(f.Evidence, findings.Evidence{Value: f.Summary}) {
			clean := sanitize.Text(e.Value)
			if strings.ContainsAny(clean, "\x1b\x07\u202e") {
				t.Fatalf("sanitize.Text(%q) = %q still has a control", e.Value, clean)
			}
		}
	}
}

func TestVerifiesAt(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	expired := lab.Serve(t, tlslab.Expired)
	r := probeServer(t, lab, expired, expired.Host, 5*time.Second)
	if r.VerifiesAt(time.Now(), lab.Roots()) {
		t.Fatal("expired chain verifies now")
	}
	inside := r.Chain[0].NotAfter.Add(-24 * time.Hour)
	if !r.VerifiesAt(inside, lab.Roots()) {
		t.Fatal("expired chain does not verify inside its window")
	}
	if r.VerifiesAt(inside, x509.NewCertPool()) {
		t.Fatal("verifies with an empty root pool")
	}

	wrong := lab.Serve(t, tlslab.WrongHost)
	rw := probeServer(t, lab, wrong, wrong.Host, 5*time.Second)
	if rw.VerifiesAt(time.Now(), lab.Roots()) {
		t.Fatal("wrong-host chain verifies")
	}
	eku := lab.Serve(t, tlslab.ClientAuthOnly)
	re := probeServer(t, lab, eku, eku.Host, 5*time.Second)
	if re.VerifiesAt(time.Now(), lab.Roots()) {
		t.Fatal("clientAuth-only chain verifies")
	}
	inter := lab.Serve(t, tlslab.ExpiredIntermediate)
	ri := probeServer(t, lab, inter, inter.Host, 5*time.Second)
	if ri.VerifiesAt(time.Now(), lab.Roots()) || !ri.VerifiesAt(ri.Chain[1].NotAfter.Add(-time.Hour), lab.Roots()) {
		t.Fatal("expired intermediate: wrong verdicts")
	}
	if (&Result{}).VerifiesAt(time.Now(), lab.Roots()) {
		t.Fatal("an empty result verifies")
	}
}

func TestClockBehindReportsNotYetValid(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	srv := lab.Serve(t, tlslab.Valid)
	behind := time.Now().Add(-30 * 24 * time.Hour)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	r := Probe(ctx, Config{Host: srv.Host, Port: srv.Port, Dial: dialTo(srv.Addr), Roots: lab.Roots(),
		Now: func() time.Time { return behind }})
	if got := ids(r.Findings); !reflect.DeepEqual(got, []string{IDNotYetValid}) {
		t.Fatalf("findings = %v", got)
	}
	if !r.LocalTime.Equal(behind) || !r.VerifiesAt(time.Now(), lab.Roots()) {
		t.Fatal("a clock 30 days behind should be the only cause")
	}
}

func TestFindingIDsAreUniqueAndStable(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, id := range FindingIDs {
		if seen[id] {
			t.Fatalf("duplicate ID %s", id)
		}
		seen[id] = true
		if !strings.HasPrefix(id, "cert.") && !strings.HasPrefix(id, "tls.") || strings.ToLower(id) != id {
			t.Fatalf("ID %s is not a lower-case cert./tls. name", id)
		}
	}
	if !slices.Contains(FindingIDs, IDPlainHTTP) {
		t.Fatal("FindingIDs is incomplete")
	}
}

func BenchmarkProbeValid(b *testing.B) {
	lab := tlslab.New(b)
	srv := lab.Serve(b, tlslab.Valid)
	cfg := Config{Host: srv.Host, Port: srv.Port, Dial: dialTo(srv.Addr), Roots: lab.Roots()}
	b.ResetTimer()
	for b.Loop() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		r := Probe(ctx, cfg)
		cancel()
		if len(r.Findings) != 0 {
			b.Fatalf("findings %v", ids(r.Findings))
		}
	}
}
