package tlsprobe

import (
	"slices"
	"testing"
	"time"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/internal/faultlab/pki"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
)

// TestUntrustedChainJudgedOnItsLinkedPath: when no path verifies, dates
// and weaknesses are judged on the certificates the leaf links into, and
// whatever else a server sends (here certificates named like the issuer
// that signed nothing) is information, however many and however broken.
func TestUntrustedChainJudgedOnItsLinkedPath(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	now := time.Now()
	expired := pki.Valid(now.Add(-48*time.Hour), now.Add(-24*time.Hour))
	decoys := func(name string, n int) []*pki.Cert {
		var out []*pki.Cert
		for range n {
			out = append(out, must(pki.NewRoot(name, expired)))
		}
		return out
	}
	hidden := must(pki.NewRoot("Hidden CA"))
	hiddenLeaf := must(hidden.Leaf([]string{tlslab.DefaultHost}))
	hiddenLeaf.Issuer = nil // the real issuer is never sent
	lapsed := must(hidden.Intermediate("Lapsed Issuing CA", expired))
	lapsedLeaf := must(lapsed.Leaf([]string{tlslab.DefaultHost}))
	lapsedLeaf.Issuer = nil // sent after the decoys, below
	stranger := must(pki.NewRoot("Stranger CA", expired))

	for _, tc := range []struct {
		name        string
		leaf        *pki.Cert
		extra       []*pki.Cert
		wantExpired []int // presented indexes judged expired
		unneeded    int
	}{
		{name: "thirty-one decoys named like the issuer", leaf: hiddenLeaf, extra: decoys("Hidden CA", 31), unneeded: 31},
		{name: "decoys before the real, expired issuer", leaf: lapsedLeaf,
			extra: append(decoys("Lapsed Issuing CA", 3), lapsed), wantExpired: []int{4}, unneeded: 3},
		{name: "an unrelated expired certificate", leaf: hiddenLeaf, extra: []*pki.Cert{stranger}, unneeded: 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := lab.Serve(t, tlslab.Valid, tlslab.WithCertificate(tc.leaf), tlslab.WithExtraCerts(tc.extra...))
			r := probeAt(t, srv.Addr, lab.Roots())
			if len(r.Chain) != 1+len(tc.extra) {
				t.Fatalf("%d certificates presented, want %d", len(r.Chain), 1+len(tc.extra))
			}
			if !slices.Contains(findings.Codes(r.Findings), findings.CodeUntrustedIssuer) {
				t.Fatalf("findings %v: want the untrusted issuer", ids(r.Findings))
			}
			var gotExpired []int
			unneeded := 0
			for _, f := range r.Findings {
				switch f.ID {
				case IDExpired:
					gotExpired = append(gotExpired, f.CertIndex)
				case IDUnneededCert:
					unneeded++
					if f.Severity != findings.Info {
						t.Errorf("an unlinked certificate counts as %v", f.Severity)
					}
				}
			}
			if !slices.Equal(gotExpired, tc.wantExpired) {
				t.Errorf("expired findings at %v, want %v; findings %v", gotExpired, tc.wantExpired, ids(r.Findings))
			}
			if unneeded != tc.unneeded {
				t.Errorf("%d unneeded certificates, want %d", unneeded, tc.unneeded)
			}
		})
	}
}

// TestNoTimeSuitsEveryCertificate: a leaf issued after its intermediate
// expired has no moment when both are valid, so the verifier's errors are
// all about dates. Trust is then decided for the path's top alone: under
// a trusted root the fault is the expired intermediate (code 5) and
// nothing else; under an unknown root it is the untrusted issuer (code 6)
// as well.
func TestNoTimeSuitsEveryCertificate(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	trusted, _, trustedLeaf, err := pki.LapsedChain("Old Trusted Root", tlslab.DefaultHost)
	if err != nil {
		t.Fatal(err)
	}
	_, _, strangerLeaf, err := pki.LapsedChain("Unknown Root", tlslab.DefaultHost)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name      string
		leaf      *pki.Cert
		wantCodes []findings.Code
	}{
		{"under a trusted root", trustedLeaf, []findings.Code{findings.CodeDateInvalid}},
		{"under an unknown root", strangerLeaf, []findings.Code{findings.CodeUntrustedIssuer, findings.CodeDateInvalid}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := lab.Serve(t, tlslab.Valid, tlslab.WithCertificate(tc.leaf))
			r := probeAt(t, srv.Addr, trusted.Pool())
			codes := findings.Codes(r.Findings)
			slices.Sort(codes)
			want := slices.Clone(tc.wantCodes)
			slices.Sort(want)
			if !slices.Equal(codes, want) {
				t.Fatalf("codes %v, want %v; findings %v", codes, want, ids(r.Findings))
			}
			f := find(t, r, IDExpired)
			if f.CertIndex != 1 {
				t.Errorf("the expired certificate is at %d, want the intermediate (1)", f.CertIndex)
			}
			if slices.Contains(codes, findings.CodeBadPurpose) {
				t.Error("a date problem was reported as a purpose problem")
			}
		})
	}
}
